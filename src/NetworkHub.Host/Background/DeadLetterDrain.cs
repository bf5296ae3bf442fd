using System.Text;
using Microsoft.Extensions.Options;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;
using NetworkHub.Host.Hosting;
using RabbitMQ.Client;

namespace NetworkHub.Host.Background;

/// <summary>
/// Moves what the broker dead-lettered (a message that expired, was rejected or exceeded the delivery limit in the
/// ingress or a partner queue) into quarantine, where operators see it (<c>networkhub quarantine list</c>), with an
/// alert. A partner's own message goes back to it with NH021, identified by the broker-validated user-id it still
/// carries. Also drains <c>hub.ingress_error</c>, where earlier releases left failed ingress messages, if it exists.
/// </summary>
public sealed class DeadLetterDrain(
    IServiceScopeFactory scopes, OrganisationRegistry registry, IOptions<HubOptions> options, TimeProvider clock, LoopHeartbeats heartbeats,
    ILogger<DeadLetterDrain> logger)
    : BackgroundService
{
    private const string LegacyIngressErrorQueue = HubTopology.LegacyIngressQueue + "_error";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutboxSweepInterval);
        heartbeats.Started(nameof(DeadLetterDrain), options.Value.OutboxSweepInterval);
        do
        {
            try
            {
                var factory = options.Value.Broker().CreateConnectionFactory("networkhub-dead-letter-drain");
                await using var connection = await factory.CreateConnectionAsync(stoppingToken);
                await DrainAsync(connection, HubTopology.DeadLetterQueue, stoppingToken);
                await DrainAsync(connection, LegacyIngressErrorQueue, stoppingToken);
                heartbeats.PassCompleted(nameof(DeadLetterDrain));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Draining dead letters failed ({Failure}); retrying at the next interval", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task DrainAsync(IConnection connection, string queue, CancellationToken ct)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, ct);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return; // no such queue here (the legacy error queue, usually)
        }

        while (await channel.BasicGetAsync(queue, autoAck: false, ct) is { } letter)
        {
            await QuarantineAsync(letter, queue, ct);
            await channel.BasicAckAsync(letter.DeliveryTag, multiple: false, ct);
        }
    }

    private async Task QuarantineAsync(BasicGetResult letter, string queue, CancellationToken ct)
    {
        var principal = letter.BasicProperties.UserId;
        var sender = new AuthenticatedSender(principal is null ? null : registry.FindByBrokerUser(principal)?.Code, principal ?? "(no user-id)");
        var from = Header(letter, "x-first-death-queue") ?? queue;
        var why = Header(letter, "x-first-death-reason") ?? "failed";
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var result = await services.GetRequiredService<RawInputQuarantine>().QuarantineAsync(letter.Body, sender, ReturnCode.ProcessingFailed,
            $"The broker dead-lettered this message from {from} ({why}); the hub keeps it for its operators.", ct);
        var concerns = from.StartsWith("partner.", StringComparison.Ordinal) ? [from["partner.".Length..]] : sender.Organisation is { } org ? [org] : Array.Empty<string>();
        await services.GetRequiredService<AlertDesk>().RaiseAsync(AlertRecord.Raise(DeterministicGuid.Create(result.CausationId, "dead-letter"), "DeadLettered", null,
            concerns, $"A message was dead-lettered from {from} ({why}) and quarantined; see networkhub quarantine list.", clock.GetUtcNow()), ct);
        try
        {
            await services.GetRequiredService<OutboxDispatcher>().DispatchAsync(result, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The return for a dead-lettered message was not sent now ({Failure}); the outbox sweeper sends it", e.GetType().Name);
        }
    }

    private static string? Header(BasicGetResult letter, string name) =>
        letter.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => value?.ToString() }
            : null;
}
