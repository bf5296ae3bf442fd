using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using RabbitMQ.Client;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;
using NetworkHub.IntegrationSpecs.Ledger;
using NetworkHub.LiveConsole.Views;
using NetworkHub.Testing;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// When handling fails, nothing disappears: a message the hub cannot handle is kept and its sender told after one
/// attempt, and a database outage pauses intake until the database is back, after which every message sent
/// meanwhile arrives once.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class FailureSpecs(RabbitMqFixture broker)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2); // a bound for a loaded machine, never a wait

    [Fact]
    public async Task A_signal_the_hub_fails_to_handle_is_kept_and_returned_as_processing_failed_after_one_attempt_and_the_next_signal_arrives()
    {
        await using var network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen());
        var failing = new CalendarFailingAt(network.Clock.GetUtcNow());
        await using var hub = await network.StartHubAsync(s =>
        {
            s.AddSingleton<IDeadlineCalendar>(sp => failing.Around(sp));
            // The defect is in routing: the console's attention list, which also reckons deadlines, keeps the sound calendar.
            s.AddScoped(sp => ActivatorUtilities.CreateInstance<DerivedAttention>(sp, ActivatorUtilities.CreateInstance<DeadlineCalendar>(sp)));
        });
        var school = await network.ConnectAsync(School);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);

        var poison = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(poison);
        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == poison.MessageId, Patience);
        network.Clock.Advance(TimeSpan.FromMinutes(1));
        var good = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(good);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == good.MessageId, Patience);

        Assert.Equal(ReturnCode.ProcessingFailed, returned.Code);
        Assert.Equal(1, failing.Failures);
        Assert.Equal(0, wijkteam.Deliveries(poison.MessageId));
        await using var scope = hub.Services.CreateAsyncScope();
        var kept = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Quarantine.SingleAsync(q => q.MessageId == poison.MessageId);
        Assert.Equal(ReturnCode.ProcessingFailed, kept.Code);
        Assert.Equal(School, kept.Sender);
    }

    [Fact]
    public async Task Intake_pauses_while_the_database_is_down_says_so_in_readiness_and_afterwards_every_signal_sent_meanwhile_arrives_once()
    {
        await using var database = await PostgresServer.StartAsync(); // stopped below: shared with no other spec
        var connectionString = database.ConnectionString(await database.CreateDatabaseAsync());
        await using var network = await TestNetwork.CreateAsync(broker.Node);
        await using var hub = await network.StartHubAsync(
            "--NetworkHub:Database=PostgreSql", $"--NetworkHub:ConnectionString={connectionString}", "--NetworkHub:IntakeProbeInterval=00:00:00.500");
        var school = await network.ConnectAsync(School);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var before = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(before);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == before.MessageId, Patience);

        await database.StopAsync();
        var duringOutage = Enumerable.Range(0, 20).Select(i => Messages.SignalFromSchool(network.Clock, category: $"signaal {i}")).ToArray();
        foreach (var signal in duringOutage)
        {
            await school.Client.SendAsync(signal); // the broker takes them: only the hub's database is down
        }

        var paused = await hub.WaitForReadinessAsync(HealthStatus.Unhealthy, Patience);
        await database.StartAgainAsync();
        foreach (var signal in duringOutage)
        {
            await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId, Patience);
        }

        var after = Messages.SignalFromSchool(network.Clock, category: "na de storing");
        await school.Client.SendAsync(after);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == after.MessageId, Patience);

        Assert.Contains("Intake is paused", paused.Entries["intake"].Description);
        Assert.All(duringOutage, s => Assert.Equal(1, wijkteam.Deliveries(s.MessageId)));
        Assert.Empty(school.Received.OfType<ReturnMessage>());
        Assert.Equal(HealthStatus.Healthy, (await hub.WaitForReadinessAsync(HealthStatus.Healthy, Patience)).Status);
    }

    [Fact]
    public async Task A_signal_for_a_partner_whose_queue_was_unbound_is_kept_the_queue_is_bound_again_and_the_signal_arrives_once()
    {
        await using var network = await TestNetwork.CreateAsync(broker.Node);
        await using var hub = await network.StartHubAsync();
        var school = await network.ConnectAsync(School);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        await using (var admin = await new ConnectionFactory { Uri = network.BrokerUriFor("hub") }.CreateConnectionAsync())
        await using (var channel = await admin.CreateChannelAsync())
        {
            var queue = HubTopology.PartnerQueue(Wijkteam);
            await channel.QueueUnbindAsync(queue, queue, ""); // as a broker rebuilt without definitions would leave it
        }

        var signal = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(signal);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId, Patience);
        var next = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(next);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == next.MessageId, Patience);

        Assert.Equal(1, wijkteam.Deliveries(signal.MessageId));
    }

    [Fact]
    public async Task A_deadline_the_hub_cannot_fire_does_not_hold_back_the_overdue_alert_due_with_it()
    {
        await using var network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen());
        await using var hub = await network.StartHubAsync();
        var school = await network.ConnectAsync(School); // the wijkteam's system is offline
        await GiveConsentAsync(school);
        var signal = await hub.SendUnansweredSignalAsync(school);
        var unknown = Deadline.For(Guid.NewGuid(), (DeadlineKind)42, network.Clock.GetUtcNow().AddDays(1), network.Clock.GetUtcNow()); // as a newer release might leave
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            db.Deadlines.Add(unknown);
            await db.SaveChangesAsync();
        }

        network.Clock.Advance(TimeSpan.FromDays(7));
        await school.WaitForAsync<AcknowledgementOverdue>(a => a.OverdueMessageId == signal.MessageId, Patience);

        Assert.Null((await hub.DeadlinesAsync(unknown.Reference)).Single().FiredAt); // kept, and tried again at the next scan
    }

    [Fact]
    public async Task A_signal_the_broker_dead_lettered_from_the_ingress_is_quarantined_with_an_alert_and_returned_to_its_sender()
    {
        await using var network = await TestNetwork.CreateAsync(broker.Node);
        await (await network.StartHubAsync()).DisposeAsync(); // provisions the queues, then the hub is down for a while
        var school = await network.ConnectAsync(School);
        var signal = Messages.SignalFromSchool(network.Clock);
        await using (var raw = await RawPartner.ConnectAsync(network.BrokerUriFor(School), School))
        {
            await raw.PublishAsync(RawPartner.Envelope(signal), expiration: "1"); // expires in its ingress queue before anyone takes it
        }

        await using var hub = await network.StartHubAsync();
        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId, Patience);

        Assert.Equal(ReturnCode.ProcessingFailed, returned.Code);
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        Assert.Equal(School, (await db.Quarantine.SingleAsync(q => q.MessageId == signal.MessageId)).Sender);
        Assert.Equal(School, (await db.Alerts.SingleAsync(a => a.Kind == "DeadLettered")).Organisations);
    }

    /// <summary>The hub's deadline calendar, failing as a defect would for messages handled at one instant of the spec clock.</summary>
    private sealed class CalendarFailingAt(DateTimeOffset instant)
    {
        private int _failures;

        private DateTimeOffset Instant => instant;

        public int Failures => _failures;

        public IDeadlineCalendar Around(IServiceProvider services) => new Failing(ActivatorUtilities.CreateInstance<DeadlineCalendar>(services), this);

        private sealed class Failing(IDeadlineCalendar inner, CalendarFailingAt owner) : IDeadlineCalendar
        {
            public DateTimeOffset DueAfter(DateTimeOffset sentAt, DeadlineKind kind)
            {
                if (sentAt == owner.Instant)
                {
                    Interlocked.Increment(ref owner._failures);
                    throw new InvalidOperationException("A defect in deadline arithmetic.");
                }

                return inner.DueAfter(sentAt, kind);
            }
        }
    }
}
