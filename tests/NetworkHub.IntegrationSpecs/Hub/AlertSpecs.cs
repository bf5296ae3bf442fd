using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Cli;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.IntegrationSpecs.Ledger;
using NetworkHub.Testing;
using RabbitMQ.Client;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// Alerts meant for the operators are kept: stored as open until someone picks them up and resolves them, and
/// waiting on the hub.events queue for the console, whether or not anyone is reading it.
/// </summary>
public abstract class AlertSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen(), database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task An_overdue_acknowledgement_is_kept_as_an_open_alert_on_the_operators_queue_until_an_operator_picks_it_up_and_resolves_it()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School); // the wijkteam's system is offline
        await GiveConsentAsync(school);
        var signal = await hub.SendUnansweredSignalAsync(school);

        _network.Clock.Advance(TimeSpan.FromDays(7));
        var overdue = await school.WaitForAsync<AcknowledgementOverdue>(a => a.OverdueMessageId == signal.MessageId);

        var alert = await SingleAlertAsync(hub, overdue.MessageId);
        Assert.Equal((ContractCatalogue.NameOf(typeof(AcknowledgementOverdue)), AlertState.Open, signal.CorrelationId), (alert.Kind, alert.State, alert.CorrelationId));
        Assert.Equal($"{School},{Wijkteam}", alert.Organisations);
        Assert.Contains(overdue.MessageId, await EventsWaitingAsync());

        var (listed, _) = await CliAsync("alerts", "list");
        var (picked, pickedExit) = await CliAsync("alerts", "ack", alert.Id.ToString(), "--by", "operator-anna");
        var (resolved, resolvedExit) = await CliAsync("alerts", "resolve", alert.Id.ToString(), "--by", "operator-anna", "--note", "wijkteam gebeld");

        Assert.Contains($"#{alert.Id} ", listed, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (pickedExit, resolvedExit));
        Assert.Contains("picked up by operator-anna", picked, StringComparison.Ordinal);
        var after = await SingleAlertAsync(hub, overdue.MessageId);
        Assert.Equal((AlertState.Resolved, "operator-anna", "operator-anna", "wijkteam gebeld"), (after.State, after.AcknowledgedBy, after.ResolvedBy, after.Note));
        Assert.Contains("0 open alert(s)", (await CliAsync("alerts", "list")).Output, StringComparison.Ordinal);
        Assert.Contains("resolved by operator-anna", resolved, StringComparison.Ordinal);
    }

    private static async Task<AlertRecord> SingleAlertAsync(InProcessHub hub, Guid eventId)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Alerts.AsNoTracking().SingleAsync(a => a.EventId == eventId);
    }

    /// <summary>The message ids waiting on hub.events, read without taking them off the queue.</summary>
    private async Task<List<Guid>> EventsWaitingAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = _network.BrokerUriFor("hub") }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var ids = new List<Guid>();
        while (await channel.BasicGetAsync(HubTopology.EventsQueue, autoAck: false) is { } delivery)
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            ids.Add(envelope.RootElement.GetProperty("message").GetProperty("messageId").GetGuid());
        }

        return ids; // unacknowledged: the broker puts them back when the channel closes
    }

    /// <summary>Runs the operator tool on the hub's database, configured as the hub is.</summary>
    private async Task<(string Output, int ExitCode)> CliAsync(params string[] command)
    {
        using var output = new StringWriter();
        var exit = await NetworkHubCommand.RunAsync([.. command, .. _network.HubArguments()], output, CancellationToken.None);
        return (output.ToString(), exit);
    }
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Alerts_on_sqlite(RabbitMqFixture broker) : AlertSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Alerts_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : AlertSpecs(broker, HubDatabase.PostgreSql(postgres));
