using System.Buffers.Binary;
using NetworkHub.Contracts.Topology;
using NetworkHub.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NetworkHub.Benchmarks;

/// <summary>
/// The baseline: the same two broker hops and durability as the hub, with nothing else. A producer publishes
/// persistent messages with confirms to quorum queue A; a relay consumes A (manual ack), publishes each message
/// to quorum queue B with confirms and only then acks; a final consumer acks from B and records the arrival.
/// Prefetch and relay concurrency mirror the hub's ingress (64 / 16) and a partner's inbox (32).
/// </summary>
public sealed class RawRabbitScenario : IAsyncDisposable
{
    private const string QueueA = "bench.a";
    private const string QueueB = "bench.b";
    private const string Password = "bench-raw-secret";

    private readonly List<IConnection> _connections = [];
    private readonly string _virtualHost;
    private readonly RabbitMqNode _node;
    private IChannel _producer = null!;
    private volatile Action<int>? _arrived;

    private RawRabbitScenario(RabbitMqNode node, string virtualHost)
    {
        _node = node;
        _virtualHost = virtualHost;
    }

    public static async Task<RawRabbitScenario> StartAsync(RabbitMqNode node)
    {
        var scenario = new RawRabbitScenario(node, "bench-raw");
        await node.AddVirtualHostAsync(scenario._virtualHost);
        await node.AddUserAsync("bench-raw", Password);
        await node.SetPermissionsAsync(scenario._virtualHost, "bench-raw", ".*", ".*", ".*");
        await scenario.ConnectAsync();
        return scenario;
    }

    private async Task ConnectAsync()
    {
        var confirmed = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

        // Producer: its own connection, like a partner system.
        var producerConnection = await OpenAsync("producer", dispatchConcurrency: 1);
        _producer = await producerConnection.CreateChannelAsync(confirmed);
        var arguments = HubTopology.QueueArguments.ToDictionary(a => a.Key, a => (object?)a.Value);
        foreach (var queue in new[] { QueueA, QueueB })
        {
            await _producer.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments);
            await _producer.QueuePurgeAsync(queue);
        }

        // Relay: A → B, publish confirmed before acking A, as the hub's ingress sends before it acks.
        var relayConnection = await OpenAsync("relay", dispatchConcurrency: 16);
        var relayIn = await relayConnection.CreateChannelAsync();
        var relayOut = await relayConnection.CreateChannelAsync(confirmed);
        await relayIn.BasicQosAsync(0, 64, global: false);
        var relay = new AsyncEventingBasicConsumer(relayIn);
        relay.ReceivedAsync += async (_, delivery) =>
        {
            var body = delivery.Body.ToArray();
            await relayOut.BasicPublishAsync(string.Empty, QueueB, mandatory: true, Persistent(), body);
            await relayIn.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await relayIn.BasicConsumeAsync(QueueA, autoAck: false, relay);

        // Final consumer: records the arrival, then acks.
        var consumerConnection = await OpenAsync("consumer", dispatchConcurrency: 1);
        var consumerChannel = await consumerConnection.CreateChannelAsync();
        await consumerChannel.BasicQosAsync(0, 32, global: false);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            _arrived?.Invoke(BinaryPrimitives.ReadInt32LittleEndian(delivery.Body.Span));
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consumerChannel.BasicConsumeAsync(QueueB, autoAck: false, consumer);
    }

    private async Task<IConnection> OpenAsync(string name, ushort dispatchConcurrency)
    {
        var factory = new ConnectionFactory
        {
            Uri = _node.AmqpUriFor("bench-raw", Password, _virtualHost),
            ClientProvidedName = $"bench-raw-{name}",
            ConsumerDispatchConcurrency = dispatchConcurrency,
        };
        var connection = await factory.CreateConnectionAsync();
        _connections.Add(connection);
        return connection;
    }

    private static BasicProperties Persistent() => new() { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/octet-stream" };

    /// <summary>Open loop: sends <paramref name="count"/> messages with at most <paramref name="concurrency"/> awaiting their confirm.</summary>
    public async Task<Run> RunAsync(int count, int payloadBytes, int concurrency, TimeSpan timeout)
    {
        var run = new Run(count);
        var bodies = Bodies(count, payloadBytes);
        _arrived = i => run.Arrived(i);
        await run.DriveAsync(i => PublishAsync(bodies[i]), concurrency, timeout);
        return run;
    }

    /// <summary>
    /// Closed loop, shaped like a workflow: <paramref name="chains"/> chains of <paramref name="steps"/> messages,
    /// each sent when the chain's previous message reached the final consumer, with at most
    /// <paramref name="concurrency"/> chains under way.
    /// </summary>
    public async Task<Run> RunChainsAsync(int chains, IReadOnlyList<string> steps, int payloadBytes, int concurrency, TimeSpan stall)
    {
        var bodies = Bodies(chains * steps.Count, payloadBytes);
        var run = new ChainedRun(chains, steps, concurrency, i => PublishAsync(bodies[i]));
        _arrived = run.Arrived;
        await run.DriveAsync(stall);
        return run.Run;
    }

    private async Task PublishAsync(byte[] body) =>
        await _producer.BasicPublishAsync(string.Empty, QueueA, mandatory: true, Persistent(), body);

    /// <summary>Random bodies that start with their index, which the final consumer reads back.</summary>
    private static byte[][] Bodies(int count, int payloadBytes)
    {
        var bodies = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            bodies[i] = new byte[payloadBytes];
            Random.Shared.NextBytes(bodies[i]);
            BinaryPrimitives.WriteInt32LittleEndian(bodies[i], i);
        }

        return bodies;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.CloseAsync();
            connection.Dispose();
        }

        await _node.RunCtlAsync("delete_vhost", _virtualHost);
    }
}
