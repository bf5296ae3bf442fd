using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.IntegrationSpecs.Ledger;
using NetworkHub.Testing;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

public abstract class RoutingSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Signals_a_school_sends_several_times_at_once_and_again_later_reach_the_wijkteam_exactly_once()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var signals = Enumerable.Range(0, 5).Select(_ => Messages.SignalFromSchool(_network.Clock)).ToArray();

        // A partner retrying after lost confirms: three copies of each at the same moment.
        await Task.WhenAll(signals.SelectMany(s => Enumerable.Repeat(s, 3)).Select(s => school.Client.SendAsync(s)));
        foreach (var signal in signals)
        {
            var received = await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
            var ack = await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
            Assert.Equal(signal.Category, received.Category);
            Assert.Equal(Wijkteam, ack.AcknowledgedBy);
        }

        await Task.WhenAll(signals.Select(s => school.Client.SendAsync(s))); // and once more after delivery
        var later = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(later);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == later.MessageId); // anything re-sent before it is in

        Assert.All(signals, s => Assert.Equal(1, wijkteam.Deliveries(s.MessageId)));
        var handOffs = await hub.HandOffsAsync(signals[0].MessageId);
        Assert.Equal((School, Wijkteam, HandOffState.Acknowledged), (handOffs.Single().Sender, handOffs.Single().Recipient, handOffs.Single().State));
    }

    [Fact]
    public async Task A_signal_whose_recording_fails_once_is_recorded_afresh_on_the_retry_and_reaches_the_wijkteam_once()
    {
        var signal = Messages.SignalFromSchool(_network.Clock);
        var fault = new FailFirstRecording(signal.MessageId);
        await using var hub = await _network.StartHubAsync(s => s.ConfigureDbContext<HubDbContext>(db => db.AddInterceptors(fault)));
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);

        await school.Client.SendAsync(signal);

        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
        var later = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(later);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == later.MessageId); // anything sent twice before it is in
        Assert.Equal(1, wijkteam.Deliveries(signal.MessageId));
        Assert.Single(await hub.HandOffsAsync(signal.MessageId));
        Assert.Equal(2, fault.Attempts.Distinct().Count()); // the retry's unit of work held nothing the failed attempt had staged
    }

    [Fact]
    public async Task A_recipient_that_declines_a_signal_returns_it_to_the_sender_with_its_reason_code()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await GiveConsentAsync(school);
        huisarts.Decide = _ => DeliveryOutcome.Declined(ReturnCode.DeclinedByRecipient, "Geen patiënt van deze praktijk.");
        var signal = Messages.SignalFromSchool(_network.Clock, to: Huisarts);

        await school.Client.SendAsync(signal);

        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal((ReturnCode.DeclinedByRecipient, Huisarts), (returned.Code, returned.ReturnedBy));
        await using var scope = hub.Services.CreateAsyncScope();
        var handOff = await scope.ServiceProvider.GetRequiredService<HubDbContext>().HandOffs.SingleAsync(h => h.MessageId == signal.MessageId);
        Assert.Equal((HandOffState.Returned, ReturnCode.DeclinedByRecipient), (handOff.State, handOff.ReturnCode));
    }

    [Fact]
    public async Task A_hand_off_nobody_acknowledges_within_three_working_days_alerts_the_sender_and_not_a_moment_sooner()
    {
        var clock = _network.Clock;
        clock.Freeze(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero)); // a Thursday afternoon
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School); // the wijkteam's system is offline
        await GiveConsentAsync(school);
        var thursdays = await hub.SendUnansweredSignalAsync(school);
        clock.Advance(TimeSpan.FromDays(1));
        var fridays = await hub.SendUnansweredSignalAsync(school);

        clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(1)); // Tuesday 16:00: only Thursday's is due
        var first = await school.WaitForAsync<AcknowledgementOverdue>(a => a.OverdueMessageId == thursdays.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero), first.DueAt);
        await hub.WaitForHandOffStateAsync(thursdays.MessageId, HandOffState.Overdue);
        Assert.Equal(HandOffState.Dispatched, await hub.HandOffStateAsync(fridays.MessageId)); // the scan that fired Thursday's passed it by
        Assert.Equal(0, school.Count<AcknowledgementOverdue>(a => a.OverdueMessageId == fridays.MessageId));

        clock.Advance(TimeSpan.FromDays(1)); // Wednesday 16:00
        var alert = await school.WaitForAsync<AcknowledgementOverdue>(a => a.OverdueMessageId == fridays.MessageId);
        Assert.Equal(Wijkteam, alert.Recipient);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero), alert.DueAt);
        await hub.WaitForHandOffStateAsync(fridays.MessageId, HandOffState.Overdue);
    }

    /// <summary>
    /// Fails the first attempt to record one message at its commit with a conflict, as a lost race for a row would,
    /// and remembers the unit of work (DbContext) of every attempt.
    /// </summary>
    private sealed class FailFirstRecording(Guid messageId) : SaveChangesInterceptor
    {
        private readonly ConcurrentQueue<Guid> _attempts = new();

        public IReadOnlyList<Guid> Attempts => [.. _attempts];

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            var db = eventData.Context!;
            if (!db.ChangeTracker.Entries<InboxEntry>().Any(e => e.State == EntityState.Added && e.Entity.MessageId == messageId))
            {
                return base.SavingChangesAsync(eventData, result, ct);
            }

            _attempts.Enqueue(db.ContextId.InstanceId);
            return _attempts.Count == 1
                ? throw new DbUpdateConcurrencyException("The recording transaction lost a race (injected by the spec).")
                : base.SavingChangesAsync(eventData, result, ct);
        }
    }
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Routing_on_sqlite(RabbitMqFixture broker) : RoutingSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Routing_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : RoutingSpecs(broker, HubDatabase.PostgreSql(postgres));
