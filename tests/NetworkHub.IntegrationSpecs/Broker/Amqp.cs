using RabbitMQ.Client;

namespace NetworkHub.IntegrationSpecs.Broker;

/// <summary>Small raw-client helpers shared by the broker specs.</summary>
internal static class Amqp
{
    public static readonly Dictionary<string, object?> QuorumQueue = new() { ["x-queue-type"] = "quorum" };

    /// <summary>Publishes complete only once the broker has confirmed them (or throw on a nack).</summary>
    public static readonly CreateChannelOptions ConfirmedPublishing = new(
        publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    public static Task<IConnection> ConnectAsync(Uri uri) =>
        new ConnectionFactory
        {
            Uri = uri,
            // A spec that kills the broker wants a dead connection to stay dead.
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "integration-specs",
        }.CreateConnectionAsync();

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// basic.get until a message arrives: right after a restart a quorum queue may still be electing
    /// its leader, and the broker then holds the call until it knows one.
    /// </summary>
    public static async Task<BasicGetResult?> GetWithinAsync(IChannel channel, string queue, TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        while (true)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: true, deadline.Token);
            if (result is not null)
            {
                return result;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
