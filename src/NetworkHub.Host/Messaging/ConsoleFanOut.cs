using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Live;
using NetworkHub.Host.Hosting;
using NetworkHub.LiveConsole.Live;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Shares live activity between hub instances on one broker, so every instance's console shows every event: each
/// instance publishes what its transactions raised to the fan-out exchange <see cref="Exchange"/>, and consumes a queue
/// of its own bound to it (exclusive, gone with its connection, bounded), handing everything it receives (its own and
/// the other instances') to its console's broadcaster. Like the broadcaster, it never makes the hub wait: activity
/// waits in a bounded buffer that drops its oldest, and is lost, not queued, while the broker is away.
/// </summary>
public sealed class ConsoleFanOut(ConsoleBroadcaster local, IOptions<HubOptions> options, ILogger<ConsoleFanOut> logger) : BackgroundService, IActivitySink
{
    public const string Exchange = "hub.console";
    private const int Capacity = 10_000;
    private const int MaxBatch = 500;

    private readonly Channel<HubActivity> _outgoing = Channel.CreateBounded<HubActivity>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Publish(IReadOnlyList<HubActivity> activity)
    {
        foreach (var item in activity)
        {
            _outgoing.Writer.TryWrite(item);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ShareAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The console's fan-out lost the broker ({Failure}); connecting again", e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task ShareAsync(CancellationToken stoppingToken)
    {
        var factory = options.Value.Broker().CreateConnectionFactory("networkhub-console-fan-out");
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        connection.ConnectionShutdownAsync += (_, _) =>
        {
            lost.Cancel();
            return Task.CompletedTask;
        };

        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: stoppingToken);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = Capacity, ["x-overflow"] = "drop-head" }, cancellationToken: stoppingToken);
        await channel.QueueBindAsync(queue.QueueName, Exchange, "", cancellationToken: stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (JsonSerializer.Deserialize<HubActivity[]>(delivery.Body.Span) is { } activity)
            {
                local.Publish(activity);
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, stoppingToken);

        var batch = new List<HubActivity>(MaxBatch);
        while (await _outgoing.Reader.WaitToReadAsync(lost.Token))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _outgoing.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await channel.BasicPublishAsync(Exchange, "", JsonSerializer.SerializeToUtf8Bytes<HubActivity[]>([.. batch]), lost.Token);
        }
    }
}

public static class ConsoleFanOutRegistration
{
    /// <summary>Puts the broker's fan-out between the hub's activity and this instance's console (several instances, one broker).</summary>
    public static IServiceCollection AddConsoleFanOut(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleFanOut>();
        services.AddSingleton<IActivitySink>(sp => sp.GetRequiredService<ConsoleFanOut>());
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleFanOut>());
        return services;
    }
}
