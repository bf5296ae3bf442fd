using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NetworkHub.Host.Background;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>/health/ready covers the database, the broker and the background loops, and names what is wrong.</summary>
public abstract class ReadinessSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen(), database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task The_hub_is_not_ready_naming_the_deadline_scanner_once_it_has_completed_no_pass_for_longer_than_allowed()
    {
        await using var hub = await _network.StartHubAsync("--NetworkHub:LoopStallLimit=00:01:00");
        var ready = await hub.WaitForReadinessAsync(HealthStatus.Healthy, Patience);
        Assert.Contains("loops", ready.Entries.Keys);

        await hub.Services.GetServices<IHostedService>().OfType<DeadlineScanner>().Single().StopAsync(CancellationToken.None);
        _network.Clock.Advance(TimeSpan.FromMinutes(2)); // the other loops pass again within a second; the scanner does not

        var report = await hub.WaitForReadinessAsync(r => Loops(r) is { Status: HealthStatus.Unhealthy, Description: { } why } && !why.Contains(';', StringComparison.Ordinal),
            Patience, "name one stalled loop");
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.StartsWith("DeadlineScanner has completed no pass for 00:02:00", Loops(report).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_is_not_ready_naming_the_broker_while_the_broker_is_gone()
    {
        await using var ownBroker = await RabbitMqNode.StartAsync(); // killed below: shared with no other spec
        await using var network = await TestNetwork.CreateAsync(ownBroker, database: database);
        await using var hub = await network.StartHubAsync();
        Assert.Equal(HealthStatus.Healthy, (await hub.WaitForReadinessAsync(HealthStatus.Healthy, Patience)).Entries["broker"].Status);

        await ownBroker.KillAsync();
        var gone = await hub.WaitForReadinessAsync(r => r.Entries["broker"].Status == HealthStatus.Unhealthy, Patience, "find the broker gone");
        Assert.Equal(HealthStatus.Unhealthy, gone.Status);
        Assert.Equal(HealthStatus.Healthy, gone.Entries["database"].Status);

        await ownBroker.StartAgainAsync(); // so that the network can take its virtual host down
    }

    private static HealthReportEntry Loops(HealthReport report) => report.Entries["loops"];
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Readiness_on_sqlite(RabbitMqFixture broker) : ReadinessSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Readiness_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : ReadinessSpecs(broker, HubDatabase.PostgreSql(postgres));
