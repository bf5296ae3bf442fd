using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// Quarantine and replay through the real hub and broker: preview, dry run and replay of kept input, with the policy checked
/// afresh, and never a second delivery (counted raw, at the recipient's queue consumer).
/// </summary>
public abstract class QuarantineReplaySpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private static readonly ReplayActor Anna = new("anna", "hub", "operator tool");
    private static readonly ReplayActor Bram = new("bram", "hub", "console");
    private static readonly ReplayPace Quickly = new(10, 100);
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_signal_kept_after_a_defect_is_previewed_dry_run_without_effect_and_once_fixed_replayed_to_the_wijkteam_once_however_often_and_by_however_many()
    {
        var defect = new DefectiveCalendar();
        await using var hub = await _network.StartHubAsync(defect.Install);
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var signal = await SendThroughDefectAsync(school, defect);
        var bySchool = new QuarantineSelection { Organisation = School };

        var preview = await WithReplayAsync(hub, r => r.PreviewAsync(bySchool, CancellationToken.None));
        Assert.Equal(1, preview.Count);
        Assert.Equal(new QuarantineCount("V1.Signaal", ReturnCode.ProcessingFailed, 1), Assert.Single(preview.ByCodeAndContract));

        var dryRun = Assert.Single(await WithReplayAsync(hub, r => r.DryRunAsync(bySchool, Anna, CancellationToken.None)));
        Assert.Equal((QuarantineReplayOutcome.Routed, signal.MessageId), (dryRun.Outcome, dryRun.MessageId));
        Assert.Equal(new[] { Wijkteam }, dryRun.RoutedTo);
        Assert.Empty(await hub.HandOffsAsync(signal.MessageId));
        Assert.Null((await EntryAsync(signal.MessageId)).ReplayedAt);
        Assert.Equal(1, (await WithReplayAsync(hub, r => r.PreviewAsync(bySchool, CancellationToken.None))).Count);

        // Two operators at once, each in a scope of their own, and one who selected the entry before either committed.
        var replays = await Task.WhenAll(ReplayAllAsync(hub, bySchool, Anna), ReplayAllAsync(hub, bySchool, Bram));
        var late = await StaleReplayAsync(hub, await EntryAsync(signal.MessageId), Bram);
        var again = await ReplayAllAsync(hub, bySchool, Anna);

        // The second operator finds nothing left to select, or the entry taken by the first.
        var verdict = Assert.Single(replays.SelectMany(r => r), v => v.Outcome == QuarantineReplayOutcome.Routed);
        Assert.All(replays.SelectMany(r => r).Where(v => v != verdict), v => Assert.Equal(QuarantineReplayOutcome.AlreadyHandled, v.Outcome));
        Assert.Equal(new[] { Wijkteam }, verdict.RoutedTo);
        Assert.Equal(RoutingOutcome.AlreadyHandled, late.Outcome);
        Assert.Empty(again);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
        var next = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(next);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == next.MessageId); // what came before it on the queue has come
        Assert.Equal(1, wijkteam.Deliveries(signal.MessageId));
        Assert.Single(school.Received.OfType<ReturnMessage>(), r => r.ReturnedMessageId == signal.MessageId); // the original return only

        var entry = await EntryAsync(signal.MessageId);
        Assert.NotNull(entry.ReplayedAt);
        Assert.Equal(QuarantineReplayOutcome.Routed, entry.ReplayOutcome);
        var row = Assert.Single(await AccessLogAsync(AccessEventKind.OperatorAction), e => e.MessageId == signal.MessageId);
        Assert.Equal(entry.ReplayedBy, row.Actor);
        Assert.Contains($"Replayed quarantined message #{entry.Id}", row.Reason, StringComparison.Ordinal);
        Assert.Single(await AccessLogAsync(AccessEventKind.OperatorAction), e => e.Reason!.StartsWith("Dry run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Consent_withdrawn_since_the_signal_was_kept_returns_the_replay_to_the_school_with_the_consent_code_and_the_wijkteam_receives_nothing()
    {
        var defect = new DefectiveCalendar();
        await using var hub = await _network.StartHubAsync(defect.Install);
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var signal = await SendThroughDefectAsync(school, defect);
        await RegisterAsync(school, Messages.ConsentWithdrawnBySchool(_network.Clock, Wijkteam, Huisarts));

        var verdict = Assert.Single(await ReplayAllAsync(hub, new QuarantineSelection { Organisation = School, Code = ReturnCode.ProcessingFailed }, Anna));

        Assert.Equal((QuarantineReplayOutcome.Returned, ReturnCode.ConsentWithdrawn), (verdict.Outcome, verdict.Code));
        Assert.Empty(verdict.RoutedTo);
        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId && r.Code == ReturnCode.ConsentWithdrawn);
        Assert.Contains("withdrawn", returned.Reason, StringComparison.Ordinal);
        var entry = await EntryAsync(signal.MessageId);
        Assert.Equal((QuarantineReplayOutcome.Returned, ReturnCode.ConsentWithdrawn), (entry.ReplayOutcome, entry.ReplayCode));
        Assert.Empty(await hub.HandOffsAsync(signal.MessageId));
        Assert.Equal(0, wijkteam.Deliveries(signal.MessageId));
    }

    [Fact]
    public async Task Unreadable_input_without_a_message_id_replayed_twice_is_kept_and_returned_once_more_and_the_next_unreadable_input_still_counts_once()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        await using var raw = await RawPartner.ConnectAsync(_network.BrokerUriFor(School), School);
        await raw.PublishAsync(RawPartner.Utf8("{ \"message\": "));
        await school.WaitForAsync<ReturnMessage>(r => r.Code == ReturnCode.MalformedMessage);
        var unreadable = new QuarantineSelection { Organisation = School, Code = ReturnCode.MalformedMessage };

        var first = Assert.Single(await ReplayAllAsync(hub, unreadable, Anna));
        var stale = await StaleReplayAsync(hub, await EntryAsync(null), Bram);
        await raw.PublishAsync(RawPartner.Utf8("[ \"nog een\""));
        await school.WaitForCountAsync<ReturnMessage>(3, TimeSpan.FromSeconds(30), r => r.Code == ReturnCode.MalformedMessage);

        Assert.Equal((QuarantineReplayOutcome.Quarantined, ReturnCode.MalformedMessage), (first.Outcome, first.Code));
        Assert.Equal(RoutingOutcome.AlreadyHandled, stale.Outcome);
        Assert.Equal(3, school.Count<ReturnMessage>(r => r.Code == ReturnCode.MalformedMessage)); // original, replay, the next input
        Assert.All(school.Received.OfType<ReturnMessage>(), r => Assert.Equal(1, school.Deliveries(r.MessageId)));
        await using var db = _network.OpenDatabase();
        Assert.Equal(3, await db.Quarantine.CountAsync(q => q.Code == ReturnCode.MalformedMessage));
        Assert.Equal(2, await db.Inbox.CountAsync(i => i.Outcome == InboxOutcome.Quarantined)); // one per distinct input, as before the replay
    }

    [Fact]
    public async Task A_reused_message_id_replayed_is_returned_as_a_duplicate_again_and_the_first_message_it_reused_stays_delivered_once()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var first = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(first);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == first.MessageId);
        await using var raw = await RawPartner.ConnectAsync(_network.BrokerUriFor(School), School);
        await raw.PublishAsync(RawPartner.Envelope(first with { Category = "iets anders" }));
        await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == first.MessageId && r.Code == ReturnCode.Duplicate);

        var verdict = Assert.Single(await ReplayAllAsync(hub, new QuarantineSelection { Code = ReturnCode.Duplicate }, Anna));

        Assert.Equal((QuarantineReplayOutcome.Returned, ReturnCode.Duplicate), (verdict.Outcome, verdict.Code));
        await school.WaitForCountAsync<ReturnMessage>(2, TimeSpan.FromSeconds(30), r => r.ReturnedMessageId == first.MessageId);
        var next = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(next);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == next.MessageId);
        Assert.Equal(1, wijkteam.Deliveries(first.MessageId));
        Assert.Equal(2, school.Count<ReturnMessage>(r => r.ReturnedMessageId == first.MessageId));
    }

    /// <summary>A signal to the wijkteam that meets a defect in the hub: returned as failed (NH021) and kept. Then the defect is fixed.</summary>
    private async Task<Signaal> SendThroughDefectAsync(PartnerProbe school, DefectiveCalendar defect)
    {
        defect.Broken = true;
        var signal = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(signal);
        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal(ReturnCode.ProcessingFailed, returned.Code);
        defect.Broken = false;
        return signal;
    }

    private static async Task<T> WithReplayAsync<T>(InProcessHub hub, Func<QuarantineReplay, Task<T>> use)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<QuarantineReplay>());
    }

    /// <summary>Replays the selection as one operator would, in a scope of their own; returns every verdict.</summary>
    private static async Task<List<ReplayVerdict>> ReplayAllAsync(InProcessHub hub, QuarantineSelection selection, ReplayActor actor)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var verdicts = new List<ReplayVerdict>();
        await foreach (var progress in scope.ServiceProvider.GetRequiredService<QuarantineReplay>().ReplayAsync(selection, actor, Quickly, CancellationToken.None))
        {
            verdicts.AddRange(progress.Batch);
        }

        return verdicts;
    }

    /// <summary>A replay of an entry selected before another replay took it: what a crash midway or a slow second operator leaves.</summary>
    private static async Task<RoutingResult> StaleReplayAsync(InProcessHub hub, QuarantineEntry entry, ReplayActor actor)
    {
        var sender = new AuthenticatedSender(entry.Sender, hub.Services.GetRequiredService<OrganisationRegistry>().Find(entry.Sender!)?.BrokerUser);
        var inbound = MassTransitEnvelope.Read(entry.Body, sender) with { Replay = new ReplayAttempt(entry.Id, actor, DryRun: false) };
        return await hub.Services.GetRequiredService<IngressPipeline>().ReceiveAsync(inbound, CancellationToken.None);
    }

    /// <summary>The first quarantine entry of a message (null: of input without a message id).</summary>
    private async Task<QuarantineEntry> EntryAsync(Guid? messageId)
    {
        await using var db = _network.OpenDatabase();
        return await db.Quarantine.AsNoTracking().Where(q => q.MessageId == messageId).OrderBy(q => q.Id).FirstAsync();
    }

    private async Task<List<AccessLogEntry>> AccessLogAsync(AccessEventKind kind)
    {
        await using var db = _network.OpenDatabase();
        return await db.AccessLog.AsNoTracking().Where(e => e.Event == kind).ToListAsync();
    }

}

[Collection(RabbitMqFixture.Collection)]
public sealed class QuarantineReplay_on_sqlite(RabbitMqFixture broker) : QuarantineReplaySpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class QuarantineReplay_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : QuarantineReplaySpecs(broker, HubDatabase.PostgreSql(postgres));
