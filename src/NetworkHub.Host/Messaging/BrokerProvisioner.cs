using NetworkHub.Client;
using NetworkHub.Contracts.Topology;
using RabbitMQ.Client;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Declares the hub's topology before the bus starts: per partner its own ingress and its own queue (so messages for a
/// partner that has never connected are kept, not dropped), the dead-letter queue and the operator events queue,
/// each behind a fan-out exchange of the same name. Users, permissions, limits and policies are the partner
/// provisioning's (<c>networkhub partners provision</c>), through the management API.
/// Declarations are idempotent; the arguments are the agreed <see cref="HubTopology.QueueArguments"/>.
/// </summary>
public sealed class BrokerProvisioner(ILogger<BrokerProvisioner> logger)
{
    public async Task ProvisionAsync(BrokerAddress broker, IEnumerable<string> organisations, CancellationToken ct)
    {
        var factory = broker.CreateConnectionFactory("networkhub-provisioner");
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);

        await channel.ExchangeDeclareAsync(HubTopology.DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(HubTopology.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
        await channel.QueueBindAsync(HubTopology.DeadLetterQueue, HubTopology.DeadLetterExchange, "", cancellationToken: ct);
        var queues = organisations.SelectMany(o => new[] { HubTopology.Ingress(o), HubTopology.PartnerQueue(o) }).Prepend(HubTopology.EventsQueue).ToArray();
        foreach (var queue in queues)
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: HubTopology.QueueArguments.ToDictionary(a => a.Key, a => (object?)a.Value), cancellationToken: ct);
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
            await channel.QueueBindAsync(queue, queue, "", cancellationToken: ct);
        }

        logger.LogInformation("Broker topology provisioned: {QueueCount} queues", queues.Length);
    }
}
