using MassTransit;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Alerts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Routing;
using NetworkHub.Host.Hosting;
using NetworkHub.Client;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Sends over MassTransit; on RabbitMQ each send completes when the broker confirmed it (publisher confirms) and is
/// mandatory, so a message no queue would take fails instead of vanishing.
/// </summary>
public sealed class MassTransitHubTransport(
    IBus bus, HubOptions options, BrokerProvisioner provisioner, IServiceScopeFactory scopes, TimeProvider clock, ILogger<MassTransitHubTransport> logger) : IHubTransport
{
    public async Task SendToOrganisationAsync(string organisation, HubMessage message, MessageTrace? trace, CancellationToken ct)
    {
        try
        {
            await SendAsync(PartnerAddress(organisation), message, trace, ct);
        }
        catch (HubTransportUnavailableException unavailable) when (unavailable.InnerException is MessageReturnedException)
        {
            // The partner's queue is gone or unbound (a broker rebuilt without definitions, a lost queue, a manual
            // change): declare it again. The message stays in the outbox, and the sweeper sends it once more.
            logger.LogError("A message for {Organisation} was unroutable; its queue is provisioned again", organisation);
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AlertDesk>().RaiseAsync(AlertRecord.Raise(
                    DeterministicGuid.Create(message.MessageId, "unroutable:" + organisation), "Unroutable", message.CorrelationId, [organisation],
                    $"Message {message.MessageId} for {organisation} could not be routed: its queue was missing or unbound. " +
                    "The queue was provisioned again and the message is sent again from the outbox.", clock.GetUtcNow()), ct);
            }

            await provisioner.ProvisionAsync(options.Broker(), [organisation], ct);
            throw;
        }
    }

    public Task PublishEventAsync(HubMessage message, MessageTrace? trace, CancellationToken ct) =>
        SendAsync(new Uri($"exchange:{HubTopology.EventsExchange}"), message, trace, ct);

    /// <summary>
    /// On RabbitMQ the partner queues are provisioned with their arguments, so the hub sends to their exchanges
    /// and never redeclares the queue; in memory a queue address creates the queue when missing.
    /// </summary>
    private Uri PartnerAddress(string organisation) => options.Transport == TransportKind.RabbitMq
        ? new Uri($"exchange:{HubTopology.PartnerQueue(organisation)}")
        : new Uri($"queue:{HubTopology.PartnerQueue(organisation)}");

    /// <summary>
    /// Bounded: on a channel the broker dropped, the wait for a confirm can hang, holding an ingress slot and the
    /// outbox row's claim for good. Timed out, the send fails, the row is released and the retry uses a new channel.
    /// </summary>
    private async Task SendAsync(Uri address, HubMessage message, MessageTrace? trace, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(options.SendTimeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(address).WaitAsync(bounded.Token);
            await endpoint.Send(message, message.GetType(), context =>
            {
                context.MessageId = message.MessageId;
                context.CorrelationId = message.CorrelationId;
                trace?.WriteTo(context.Headers); // plain W3C headers: partners need not use MassTransit to continue the trace
                if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                {
                    rabbit.Mandatory = true;
                }
            }, bounded.Token).WaitAsync(bounded.Token); // MassTransit does not honour the token at every step (a channel being set up)
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            throw new HubTransportUnavailableException($"The broker did not take a message for {address}.", e);
        }
    }
}
