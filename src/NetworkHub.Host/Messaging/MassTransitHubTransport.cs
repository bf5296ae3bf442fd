using MassTransit;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Routing;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Messaging;

/// <summary>Sends over MassTransit; on RabbitMQ each send completes when the broker confirmed it (publisher confirms).</summary>
public sealed class MassTransitHubTransport(IBus bus, TransportKind transport, TimeSpan sendTimeout) : IHubTransport
{
    public Task SendToOrganisationAsync(string organisation, HubMessage message, CancellationToken ct) =>
        SendAsync(PartnerAddress(organisation), message, ct);

    public Task PublishEventAsync(HubMessage message, CancellationToken ct) =>
        SendAsync(new Uri($"exchange:{HubTopology.EventsExchange}"), message, ct);

    /// <summary>
    /// On RabbitMQ the partner queues are provisioned with their arguments, so the hub sends to their exchanges
    /// and never redeclares the queue; in memory a queue address creates the queue when missing.
    /// </summary>
    private Uri PartnerAddress(string organisation) => transport == TransportKind.RabbitMq
        ? new Uri($"exchange:{HubTopology.PartnerQueue(organisation)}")
        : new Uri($"queue:{HubTopology.PartnerQueue(organisation)}");

    /// <summary>
    /// Bounded: on a channel the broker dropped, the wait for a confirm can hang, holding an ingress slot and the
    /// outbox row's claim for good. Timed out, the send fails, the row is released and the retry uses a new channel.
    /// </summary>
    private async Task SendAsync(Uri address, HubMessage message, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(sendTimeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(address).WaitAsync(bounded.Token);
            await endpoint.Send(message, message.GetType(), context =>
            {
                context.MessageId = message.MessageId;
                context.CorrelationId = message.CorrelationId;
            }, bounded.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            throw new HubTransportUnavailableException($"The broker did not take a message for {address} within {sendTimeout.TotalSeconds:0} s.", e);
        }
    }
}
