using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;

namespace NetworkHub.IntegrationSpecs.Broker;

[Collection(RabbitMqFixture.Collection)]
public sealed class BrokerCrashSpecs(RabbitMqFixture broker, ITestOutputHelper output) : IAsyncLifetime
{
    // A spec that failed half-way must not leave the shared node down for the next one.
    public Task InitializeAsync() => broker.Node.EnsureRunningAsync();

    public Task DisposeAsync() => broker.Node.EnsureRunningAsync();

    [PrivateBrokerFact]
    public async Task A_confirmed_durable_message_survives_a_broker_kill_and_restart()
    {
        var queue = Amqp.UniqueName("crash");
        var messageId = Guid.NewGuid().ToString();

        await using (var setup = await Amqp.ConnectAsync(broker.AmqpUri))
        await using (var channel = await setup.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: Amqp.QuorumQueue);
        }

        // Partner queues are provisioned long before traffic arrives. A clean restart stands in for
        // that: RabbitMQ 3.10 (Ra 2.2) saves a new quorum queue's registration lazily (DETS auto-save
        // after 500 ms idle), and a node killed within that window comes back with a fresh, empty
        // queue of the same name.
        await broker.Node.StopAsync();
        await broker.Node.StartAgainAsync();

        var connection = await Amqp.ConnectAsync(broker.AmqpUri);
        await using (connection)
        {
            await using var channel = await connection.CreateChannelAsync(Amqp.ConfirmedPublishing);
            await channel.BasicPublishAsync(
                exchange: string.Empty,
                routingKey: queue,
                mandatory: true,
                basicProperties: new BasicProperties { Persistent = true, MessageId = messageId },
                body: Encoding.UTF8.GetBytes("warm hand-over offered"));

            // The confirm is in; now the VM dies without any chance to flush or say goodbye.
            await broker.Node.KillAsync();
            Assert.False(connection.IsOpen && await StillAnswersAsync(connection), "the connection outlived the broker");
        }

        var restart = Stopwatch.StartNew();
        await broker.Node.StartAgainAsync();
        output.WriteLine($"Node restarted after SIGKILL in {restart.Elapsed.TotalSeconds:0.0} s");

        await using var after = await Amqp.ConnectAsync(broker.AmqpUri);
        await using var reader = await after.CreateChannelAsync();
        var survivor = await Amqp.GetWithinAsync(reader, queue, TimeSpan.FromSeconds(30));

        Assert.NotNull(survivor);
        Assert.Equal(messageId, survivor.BasicProperties.MessageId);
        Assert.Equal("warm hand-over offered", Encoding.UTF8.GetString(survivor.Body.Span));
    }

    [PrivateBrokerFact]
    public async Task A_user_added_before_a_clean_stop_can_still_connect_after_start_again()
    {
        var user = Amqp.UniqueName("partner");
        await broker.Node.AddUserAsync(user, "s3cret");
        await broker.Node.SetPermissionsAsync("/", user, "^$", "^$", "^$");

        var stop = Stopwatch.StartNew();
        await broker.Node.StopAsync();
        output.WriteLine($"Clean stop took {stop.Elapsed.TotalSeconds:0.0} s");
        Assert.False(broker.Node.IsRunning);

        await broker.Node.StartAgainAsync();
        output.WriteLine($"Start again took {broker.Node.LastStartDuration.TotalSeconds:0.0} s");

        await using var connection = await Amqp.ConnectAsync(broker.Node.AmqpUriFor(user, "s3cret"));
        Assert.True(connection.IsOpen);
    }

    [PrivateBrokerFact]
    public async Task A_failing_broker_command_reports_what_the_tool_said()
    {
        var missing = Amqp.UniqueName("nobody");

        var failure = await Assert.ThrowsAsync<CommandFailedException>(() => broker.Node.RunCtlAsync("delete_user", missing));

        Assert.NotEqual(0, failure.Result.ExitCode);
        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> StillAnswersAsync(IConnection connection)
    {
        try
        {
            await using var probe = await connection.CreateChannelAsync();
            return true;
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException
                                      or RabbitMQ.Client.Exceptions.OperationInterruptedException
                                      or IOException or TimeoutException)
        {
            return false;
        }
    }
}
