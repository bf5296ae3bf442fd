namespace NetworkHub.IntegrationSpecs.Broker;

// In the broker collection only to keep Erlang VMs from competing for the CPU.
[Collection(RabbitMqFixture.Collection)]
public sealed class BrokerStartupSpecs(ITestOutputHelper output)
{
    [PrivateBrokerFact]
    public async Task A_node_that_cannot_boot_fails_with_the_cause_from_its_output()
    {
        var options = new RabbitMqNodeOptions { ExtraConfiguration = ["channel_max = not-a-number"] };

        var failure = await Assert.ThrowsAsync<RabbitMqStartException>(() => RabbitMqNode.StartAsync(options));
        output.WriteLine(failure.Message);

        Assert.True(failure.NodeExited);
        Assert.False(failure.PortInUse);
        Assert.Contains("Error transforming datatype for: channel_max", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-number", failure.Message, StringComparison.Ordinal);
    }
}
