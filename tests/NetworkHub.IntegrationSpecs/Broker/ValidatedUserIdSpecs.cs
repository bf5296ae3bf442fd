using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NetworkHub.IntegrationSpecs.Broker;

/// <summary>
/// The hub trusts the AMQP user-id as the sender's identity (DESIGN §3, §7) because RabbitMQ checks
/// it against the authenticated user. These specs pin that broker behaviour down.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ValidatedUserIdSpecs(RabbitMqFixture broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const ushort PreconditionFailed = 406;
    private readonly string _partner = Amqp.UniqueName("school");
    private readonly string _queue = Amqp.UniqueName("ingress");

    public async Task InitializeAsync()
    {
        await broker.Node.AddUserAsync(_partner, "partner-pw");
        // The partner may only write to the default exchange; it cannot create or read anything.
        await broker.Node.SetPermissionsAsync("/", _partner, configure: "^$", write: "^amq\\.default$", read: "^$");

        await using var admin = await Amqp.ConnectAsync(broker.AmqpUri);
        await using var channel = await admin.CreateChannelAsync();
        await channel.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false, arguments: Amqp.QuorumQueue);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_broker_refuses_a_message_whose_user_id_does_not_match_the_connection()
    {
        await using var connection = await Amqp.ConnectAsync(broker.Node.AmqpUriFor(_partner, "partner-pw"));
        var channel = await connection.CreateChannelAsync(Amqp.ConfirmedPublishing);

        var refused = await Record.ExceptionAsync(() => channel.BasicPublishAsync(
                exchange: string.Empty,
                routingKey: _queue,
                mandatory: true,
                basicProperties: new BasicProperties { UserId = "veilig-thuis", Persistent = true },
                body: Encoding.UTF8.GetBytes("pretending to be someone else"))
            .AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.NotNull(refused);
        output.WriteLine($"Publish refused with {refused.GetType().Name}: {refused.Message}");
        Assert.IsNotType<TimeoutException>(refused);
        Assert.True(channel.IsClosed);
        Assert.Equal(PreconditionFailed, channel.CloseReason?.ReplyCode ?? 0);
        Assert.Contains("user_id", channel.CloseReason?.ReplyText, StringComparison.Ordinal);
        Assert.Equal(0u, await MessagesInQueueAsync());
    }

    [Fact]
    public async Task A_message_whose_user_id_matches_the_connection_is_delivered_with_that_user_id()
    {
        var received = new TaskCompletionSource<(string? UserId, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var reader = await Amqp.ConnectAsync(broker.AmqpUri);
        await using var readChannel = await reader.CreateChannelAsync();
        var consumer = new AsyncEventingBasicConsumer(readChannel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // The body buffer is only valid inside the handler.
            received.TrySetResult((delivery.BasicProperties.UserId, Encoding.UTF8.GetString(delivery.Body.Span)));
            return Task.CompletedTask;
        };
        await readChannel.BasicConsumeAsync(_queue, autoAck: true, consumer);

        await using var connection = await Amqp.ConnectAsync(broker.Node.AmqpUriFor(_partner, "partner-pw"));
        await using var channel = await connection.CreateChannelAsync(Amqp.ConfirmedPublishing);
        await channel.BasicPublishAsync(
            exchange: string.Empty,
            routingKey: _queue,
            mandatory: true,
            basicProperties: new BasicProperties { UserId = _partner, Persistent = true },
            body: Encoding.UTF8.GetBytes("signaal"));

        var (userId, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(_partner, userId);
        Assert.Equal("signaal", body);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task A_policy_set_through_the_fixture_applies_to_queues_declared_afterwards()
    {
        var queue = Amqp.UniqueName("capped");
        await broker.Node.SetPolicyAsync(queue, $"^{queue}$", """{"max-length":1}""");

        await using var connection = await Amqp.ConnectAsync(broker.AmqpUri);
        await using var channel = await connection.CreateChannelAsync(Amqp.ConfirmedPublishing);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes("first"));
        await channel.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes("second"));

        Assert.Equal(1u, await channel.MessageCountAsync(queue));
        var kept = await channel.BasicGetAsync(queue, autoAck: true);
        Assert.Equal("second", Encoding.UTF8.GetString(kept!.Body.Span));
    }

    private async Task<uint> MessagesInQueueAsync()
    {
        await using var admin = await Amqp.ConnectAsync(broker.AmqpUri);
        await using var channel = await admin.CreateChannelAsync();
        return await channel.MessageCountAsync(_queue);
    }
}
