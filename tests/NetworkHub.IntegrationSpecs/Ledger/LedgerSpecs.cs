using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Routing;
using NetworkHub.Testing;

namespace NetworkHub.IntegrationSpecs.Ledger;

/// <summary>
/// The ledger's promises, on each database the hub supports: every message is taken on once, every hand-off
/// is recorded with its deadline, and a redelivery or a second hub instance changes nothing twice.
/// </summary>
public abstract class LedgerSpecs : IAsyncLifetime
{
    private LedgerHarness _hub = null!;

    protected abstract Task<Func<DbContextOptions<HubDbContext>>> DatabaseAsync();

    public async Task InitializeAsync() => _hub = await LedgerHarness.CreateAsync(await DatabaseAsync());

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_routed_signal_is_recorded_once_with_a_hand_off_and_an_acknowledgement_deadline_per_recipient()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock) with { Recipients = ["wijkteam-noord", "huisarts-de-linde"] };

        var result = await _hub.DeliverAsync(signal, "school-de-regenboog");

        Assert.Equal(RoutingOutcome.Routed, result.Outcome);
        await using var db = _hub.NewContext();
        var handOffs = await db.HandOffs.Where(h => h.MessageId == signal.MessageId).OrderBy(h => h.Recipient).ToListAsync();
        Assert.Equal(["huisarts-de-linde", "wijkteam-noord"], handOffs.Select(h => h.Recipient));
        Assert.All(handOffs, h => Assert.Equal(HandOffState.Dispatched, h.State));
        Assert.Equal(2, await db.Deadlines.CountAsync(d => handOffs.Select(h => h.Id).Contains(d.Reference) && d.FiredAt == null));
        Assert.Equal(["huisarts-de-linde", "wijkteam-noord"], _hub.Transport.Sent.Select(s => s.Destination).Order());
        Assert.False(await db.Outbox.AnyAsync(o => o.DispatchedAt == null || o.Payload != null));
    }

    [Fact]
    public async Task A_redelivered_signal_changes_nothing_and_sends_only_what_was_left_unsent()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock);
        await using (var db = _hub.NewContext())
        {
            // The hub committed, then crashed before sending.
            await _hub.Router(db).AcceptAsync(signal, new AuthenticatedSender("school-de-regenboog", "school"), ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        }

        Assert.Empty(_hub.Transport.Sent);
        var redelivery = await _hub.DeliverAsync(signal, "school-de-regenboog");
        var second = await _hub.DeliverAsync(signal, "school-de-regenboog");

        Assert.Equal(RoutingOutcome.AlreadyHandled, redelivery.Outcome);
        Assert.Equal(RoutingOutcome.AlreadyHandled, second.Outcome);
        Assert.Single(_hub.Transport.Sent);
        await using var check = _hub.NewContext();
        Assert.Equal(1, await check.HandOffs.CountAsync(h => h.MessageId == signal.MessageId));
        Assert.Equal(1, await check.Inbox.CountAsync(i => i.MessageId == signal.MessageId));
    }

    [Fact]
    public async Task An_acknowledgement_settles_the_hand_off_cancels_its_deadline_and_reaches_the_sender()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock);
        await _hub.DeliverAsync(signal, "school-de-regenboog");

        var result = await _hub.DeliverAsync(Messages.AcknowledgementOf(_hub.Clock, signal, "wijkteam-noord"), "wijkteam-noord");

        Assert.Equal(RoutingOutcome.Settled, result.Outcome);
        await using var db = _hub.NewContext();
        var handOff = await db.HandOffs.SingleAsync(h => h.MessageId == signal.MessageId);
        Assert.Equal(HandOffState.Acknowledged, handOff.State);
        Assert.NotNull((await db.Deadlines.SingleAsync(d => d.Reference == handOff.Id)).CancelledAt);
        Assert.Contains(_hub.Transport.Sent, s => s.Destination == "school-de-regenboog" && s.Message is Acknowledgement a && a.AcknowledgedMessageId == signal.MessageId);
    }

    [Fact]
    public async Task An_acknowledgement_from_an_organisation_that_did_not_receive_the_hand_off_is_returned()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock);
        await _hub.DeliverAsync(signal, "school-de-regenboog");

        var result = await _hub.DeliverAsync(Messages.AcknowledgementOf(_hub.Clock, signal, "huisarts-de-linde"), "huisarts-de-linde");

        Assert.Equal(ReturnCode.UnknownHandOff, result.Code);
        Assert.Contains(_hub.Transport.Sent, s => s.Destination == "huisarts-de-linde" && s.Message is ReturnMessage { Code: ReturnCode.UnknownHandOff });
        await using var db = _hub.NewContext();
        Assert.Equal(HandOffState.Dispatched, (await db.HandOffs.SingleAsync(h => h.MessageId == signal.MessageId)).State);
    }

    [Fact]
    public async Task The_same_message_sent_again_later_with_a_new_timestamp_is_a_repeat_that_changes_nothing()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock);
        await _hub.DeliverAsync(signal, "school-de-regenboog");
        _hub.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await _hub.DeliverAsync(signal with { CreatedAt = _hub.Clock.GetUtcNow() }, "school-de-regenboog");

        Assert.Equal(RoutingOutcome.AlreadyHandled, again.Outcome);
        Assert.Equal(1, _hub.Transport.SentTo("wijkteam-noord"));
        Assert.DoesNotContain(_hub.Transport.Sent, s => s.Message is ReturnMessage);
    }

    [Fact]
    public async Task The_same_message_id_with_other_content_is_refused_as_a_duplicate_and_kept()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock);
        await _hub.DeliverAsync(signal, "school-de-regenboog");

        var result = await _hub.DeliverAsync(signal with { Category = "iets anders" }, "school-de-regenboog");

        Assert.Equal(ReturnCode.Duplicate, result.Code);
        Assert.Contains(_hub.Transport.Sent, s => s.Destination == "school-de-regenboog" && s.Message is ReturnMessage { Code: ReturnCode.Duplicate });
        await using var db = _hub.NewContext();
        Assert.Equal(1, await db.HandOffs.CountAsync(h => h.MessageId == signal.MessageId));
        Assert.Equal(1, await db.Quarantine.CountAsync(q => q.MessageId == signal.MessageId && q.Code == ReturnCode.Duplicate));
    }

    [Fact]
    public async Task A_missing_acknowledgement_fires_once_even_when_two_hub_instances_scan_at_the_same_time()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock);
        await _hub.DeliverAsync(signal, "school-de-regenboog");
        _hub.Clock.Advance(LedgerHarness.AcknowledgementWindow + TimeSpan.FromMinutes(1));

        await Task.WhenAll(
            _hub.Deadlines(_hub.NewContext()).FireDueAsync(100, CancellationToken.None),
            _hub.Deadlines(_hub.NewContext()).FireDueAsync(100, CancellationToken.None));
        await _hub.Deadlines(_hub.NewContext()).FireDueAsync(100, CancellationToken.None);

        var alerts = _hub.Transport.Sent.Where(s => s.Message is AcknowledgementOverdue).ToArray();
        Assert.Equal(2, alerts.Length); // the sender, and the operators' event feed
        Assert.Contains(alerts, a => a.Destination == "school-de-regenboog");
        Assert.Contains(alerts, a => a.Destination == OutboxDestinations.Events);
        await using var db = _hub.NewContext();
        Assert.Equal(HandOffState.Overdue, (await db.HandOffs.SingleAsync(h => h.MessageId == signal.MessageId)).State);
    }

    [Fact]
    public async Task The_access_log_verifies_page_by_page_and_names_the_row_after_a_removed_one()
    {
        for (var i = 0; i < 3; i++)
        {
            await _hub.DeliverAsync(Messages.SignalFromSchool(_hub.Clock), "school-de-regenboog");
        }

        await using var db = _hub.NewContext();
        var audit = new AccessLogStore(db);
        var intact = await audit.VerifyAsync(CancellationToken.None, pageSize: 2);
        await db.AccessLog.Where(e => e.Sequence == 3).ExecuteDeleteAsync();
        var broken = await audit.VerifyAsync(CancellationToken.None, pageSize: 2);

        Assert.Equal((true, 5L), (intact.Intact, intact.RowsChecked)); // two consent rows, three transfers
        Assert.False(broken.Intact);
        Assert.Equal(4L, broken.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verifying_the_access_log_reports_how_far_it_got_after_every_page()
    {
        for (var i = 0; i < 3; i++)
        {
            await _hub.DeliverAsync(Messages.SignalFromSchool(_hub.Clock), "school-de-regenboog");
        }

        await using var db = _hub.NewContext();
        var reported = new List<AccessLogVerifyProgress>();
        await new AccessLogStore(db).VerifyAsync(CancellationToken.None, pageSize: 2, progress: reported.Add);

        Assert.Equal([new(2, 5), new(4, 5), new(5, 5)], reported); // two consent rows, three transfers
    }

    [Fact]
    public async Task A_message_to_an_unregistered_recipient_is_returned_and_quarantined_and_not_routed()
    {
        var signal = Messages.SignalFromSchool(_hub.Clock, to: "onbekende-organisatie");

        var result = await _hub.DeliverAsync(signal, "school-de-regenboog");

        Assert.Equal(ReturnCode.UnknownRecipient, result.Code);
        await using var db = _hub.NewContext();
        Assert.False(await db.HandOffs.AnyAsync(h => h.MessageId == signal.MessageId));
        Assert.Equal(1, await db.Quarantine.CountAsync(q => q.MessageId == signal.MessageId && q.Code == ReturnCode.UnknownRecipient));
    }

    [Fact]
    public async Task A_message_the_broker_did_not_take_is_sent_by_the_sweeper_in_the_trace_it_was_routed_in()
    {
        _hub.Transport.Refusing["wijkteam-noord"] = true;
        var signal = Messages.SignalFromSchool(_hub.Clock);
        var partnersSend = new Activity("send V1.Signaal").SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using (partnersSend.Start()) // the trace the school sent the signal in, as the ingress continues it
        {
            await Assert.ThrowsAsync<HubTransportUnavailableException>(() => _hub.DeliverAsync(signal, "school-de-regenboog"));
        }

        _hub.Transport.Refusing.Clear(); // the broker is back, the hub restarted: only the row knows the trace now
        _hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = _hub.NewContext();
        await _hub.Sweep(db).RunAsync(_hub.Clock.GetUtcNow(), 500, parkAfter: 20, CancellationToken.None);

        var resent = _hub.Transport.Traces[signal.MessageId];
        Assert.NotNull(resent);
        Assert.Equal(partnersSend.TraceId, resent.Value.Parent.TraceId);
    }

    [Fact]
    public async Task A_sweep_sends_what_the_broker_takes_once_and_parks_a_row_it_keeps_refusing_with_an_alert()
    {
        _hub.Transport.Refusing["huisarts-de-linde"] = true;
        var signal = Messages.SignalFromSchool(_hub.Clock) with { Recipients = ["wijkteam-noord", "huisarts-de-linde"] };
        await Assert.ThrowsAsync<HubTransportUnavailableException>(() => _hub.DeliverAsync(signal, "school-de-regenboog"));
        _hub.Clock.Advance(TimeSpan.FromMinutes(1));

        var sweeps = new List<SweepResult>();
        for (var i = 0; i < 3; i++)
        {
            await using var db = _hub.NewContext();
            sweeps.Add(await _hub.Sweep(db).RunAsync(_hub.Clock.GetUtcNow(), 500, parkAfter: 2, CancellationToken.None));
        }

        Assert.Equal([new SweepResult(0, 1, 0), new SweepResult(0, 1, 1), new SweepResult(0, 0, 0)], sweeps);
        Assert.Equal(1, _hub.Transport.SentTo("wijkteam-noord"));
        await using var check = _hub.NewContext();
        var alert = await check.Alerts.SingleAsync(a => a.Kind == "OutboxParked");
        Assert.Equal(("huisarts-de-linde", signal.CorrelationId), (alert.Organisations, alert.CorrelationId));
    }

    [Fact]
    public async Task Leftovers_read_before_another_dispatch_sent_and_marked_them_are_not_sent_again()
    {
        _hub.Transport.Refusing["wijkteam-noord"] = true;
        var signal = Messages.SignalFromSchool(_hub.Clock);
        await Assert.ThrowsAsync<HubTransportUnavailableException>(() => _hub.DeliverAsync(signal, "school-de-regenboog"));
        await using var redelivery = _hub.NewContext();
        var dispatcher = _hub.Dispatcher(redelivery);
        var leftovers = await dispatcher.LoadAsync(redelivery.Outbox.Where(o => o.CausationId == signal.MessageId && o.DispatchedAt == null), CancellationToken.None);

        _hub.Transport.Refusing.TryRemove("wijkteam-noord", out _);
        _hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var sweepDb = _hub.NewContext())
        {
            await _hub.Sweep(sweepDb).RunAsync(_hub.Clock.GetUtcNow(), 500, parkAfter: 20, CancellationToken.None); // sends and marks meanwhile
        }

        var failed = await dispatcher.TrySendLoadedAsync(leftovers, CancellationToken.None);

        Assert.Empty(failed);
        Assert.Equal(1, _hub.Transport.SentTo("wijkteam-noord"));
    }

    [Fact]
    public async Task A_parked_row_an_operator_releases_is_sent_by_the_next_sweep_once()
    {
        _hub.Transport.Refusing["huisarts-de-linde"] = true;
        var signal = Messages.SignalFromSchool(_hub.Clock) with { Recipients = ["wijkteam-noord", "huisarts-de-linde"] };
        await Assert.ThrowsAsync<HubTransportUnavailableException>(() => _hub.DeliverAsync(signal, "school-de-regenboog"));
        _hub.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 2; i++)
        {
            await using var db = _hub.NewContext();
            await _hub.Sweep(db).RunAsync(_hub.Clock.GetUtcNow(), 500, parkAfter: 2, CancellationToken.None);
        }

        await using var operatorDb = _hub.NewContext();
        var parked = Assert.Single(await new ParkedOutbox(operatorDb, parkAfter: 2).ListAsync(100, CancellationToken.None));
        Assert.Equal(("huisarts-de-linde", signal.MessageId), (parked.Destination, parked.MessageId));
        _hub.Transport.Refusing.TryRemove("huisarts-de-linde", out _); // the cause is fixed

        var released = await new ParkedOutbox(operatorDb, parkAfter: 2).ReleaseAsync(parked.Id, null, CancellationToken.None);
        await using var sweepDb = _hub.NewContext();
        var sweep = await _hub.Sweep(sweepDb).RunAsync(_hub.Clock.GetUtcNow(), 500, parkAfter: 2, CancellationToken.None);

        Assert.Equal((1, new SweepResult(1, 0, 0)), (released, sweep));
        Assert.Equal(1, _hub.Transport.SentTo("huisarts-de-linde"));
        Assert.Empty(await new ParkedOutbox(operatorDb, parkAfter: 2).ListAsync(100, CancellationToken.None));
    }
}

public sealed class Ledger_on_sqlite : LedgerSpecs
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"networkhub-ledger-{Guid.NewGuid():N}.db");

    protected override Task<Func<DbContextOptions<HubDbContext>>> DatabaseAsync() =>
        Task.FromResult<Func<DbContextOptions<HubDbContext>>>(() =>
            new DbContextOptionsBuilder<HubDbContext>().UseHubSqlite($"Data Source={_file};Default Timeout=30").Options);
}

[Collection(PostgresFixture.Collection)]
public sealed class Ledger_on_postgresql(PostgresFixture postgres) : LedgerSpecs
{
    protected override async Task<Func<DbContextOptions<HubDbContext>>> DatabaseAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"ledger_{Guid.NewGuid():N}");
        return () => new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql(connectionString).Options;
    }

    /// <summary>Several hub instances share one PostgreSQL database (SQLite serves one instance).</summary>
    [Fact]
    public async Task Two_hub_instances_sweeping_at_once_send_each_left_over_row_once()
    {
        await using var hub = await LedgerHarness.CreateAsync(await DatabaseAsync());
        hub.Transport.Refusing["wijkteam-noord"] = true; // the broker was down: twenty signals stay in the outbox
        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<HubTransportUnavailableException>(() => hub.DeliverAsync(Messages.SignalFromSchool(hub.Clock), "school-de-regenboog"));
        }

        hub.Transport.Refusing.Clear();
        hub.Transport.Latency = TimeSpan.FromMilliseconds(100); // both sweeps are under way at once
        hub.Clock.Advance(TimeSpan.FromMinutes(1));

        await using var first = hub.NewContext();
        await using var second = hub.NewContext();
        var sweeps = await Task.WhenAll(
            hub.Sweep(first).RunAsync(hub.Clock.GetUtcNow(), 500, 20, CancellationToken.None),
            hub.Sweep(second).RunAsync(hub.Clock.GetUtcNow(), 500, 20, CancellationToken.None));

        Assert.Equal(20, hub.Transport.SentTo("wijkteam-noord"));
        Assert.Equal(20, sweeps.Sum(s => s.Sent));
    }
}
