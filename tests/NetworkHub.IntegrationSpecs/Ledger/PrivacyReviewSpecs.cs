using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;
using NetworkHub.Testing;

namespace NetworkHub.IntegrationSpecs.Ledger;

/// <summary>
/// The privacy officer's desk on each database the hub supports: an override waits for review until it is judged, once,
/// with a note; the judgement is stored and logged; each organisation sees its own overrides; and asking who received
/// data about a person answers with every disclosure and is itself logged, never with the BSN.
/// </summary>
public abstract class PrivacyReviewSpecs : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private const string School = "school-de-regenboog";
    private const string VeiligThuis = "veilig-thuis-ijsselland";
    private static readonly PrivacyOfficer Officer = new("fg-anna", "hub", "console");

    private LedgerHarness _hub = null!;

    protected abstract Task<Func<DbContextOptions<HubDbContext>>> DatabaseAsync();

    public async Task InitializeAsync() => _hub = await LedgerHarness.CreateAsync(await DatabaseAsync());

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task An_override_awaits_review_until_a_privacy_officer_judges_it_with_a_note_and_the_judgement_is_stored_and_logged()
    {
        var melding = Messages.MeldingFromSchool(_hub.Clock);
        Assert.Equal(RoutingOutcome.Routed, (await _hub.DeliverAsync(melding, School)).Outcome);
        var open = Assert.Single(await Desk().ListAsync(decided: false, null, 100, CancellationToken.None));
        Assert.Equal((melding.MessageId, School, VeiligThuis, "M-MELDING"), (open.MessageId, open.SenderCode, open.RecipientCode, open.RuleId));

        var withoutNote = await Desk().DecideAsync(open.Id, ReviewVerdict.NotJustified, "  ", Officer, CancellationToken.None);
        _hub.Clock.Advance(TimeSpan.FromMinutes(5));
        var judged = await Desk().DecideAsync(open.Id, ReviewVerdict.NotJustified, "Stap 4 overgeslagen; besproken met de intern begeleider.", Officer, CancellationToken.None);
        var again = await Desk().DecideAsync(open.Id, ReviewVerdict.Justified, "Toch terecht.", new PrivacyOfficer("fg-bert", "hub", "operator tool"), CancellationToken.None);

        Assert.Contains("needs a note", withoutNote.Problem, StringComparison.Ordinal);
        Assert.NotNull(judged.Review);
        Assert.Contains("judged already, by fg-anna", again.Problem, StringComparison.Ordinal);
        Assert.Empty(await Desk().ListAsync(decided: false, null, 100, CancellationToken.None));
        var stored = Assert.Single(await Desk().ListAsync(decided: true, null, 100, CancellationToken.None));
        Assert.Equal((ReviewVerdict.NotJustified, "fg-anna", "hub", _hub.Clock.GetUtcNow()), (stored.Verdict, stored.DecidedBy, stored.DecidedFor, stored.DecidedAt));
        Assert.Equal("Stap 4 overgeslagen; besproken met de intern begeleider.", stored.DecisionNote);
        var logged = Assert.Single(await RowsAsync(AccessEventKind.OverrideReview));
        Assert.Equal(("fg-anna", "hub", melding.MessageId, open.SubjectKey), (logged.Actor, logged.OnBehalfOf, logged.MessageId, logged.SubjectKey));
        Assert.Contains("judged not justified in the console", logged.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("intern begeleider", logged.Reason, StringComparison.Ordinal); // the note stays with the review
    }

    [Fact]
    public async Task Reading_a_justification_is_logged_under_the_person_it_is_about()
    {
        var melding = Messages.MeldingFromSchool(_hub.Clock);
        await _hub.DeliverAsync(melding, School);
        var open = Assert.Single(await Desk().ListAsync(decided: false, null, 100, CancellationToken.None));

        var read = await Desk().ReadAsync(open.Id, Officer, CancellationToken.None);

        Assert.Equal(Messages.MeldingJustification, read!.Justification);
        var logged = Assert.Single(await RowsAsync(AccessEventKind.OverrideReview));
        Assert.Equal((open.SubjectKey, melding.MessageId), (logged.SubjectKey, logged.MessageId));
        Assert.Contains($"Read the justification of override review #{open.Id}", logged.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisations_queue_holds_the_overrides_it_sent_or_received_and_no_others()
    {
        await _hub.DeliverAsync(Messages.MeldingFromSchool(_hub.Clock), School);

        Assert.Single(await Desk().ListAsync(decided: false, School, 100, CancellationToken.None));
        Assert.Single(await Desk().ListAsync(decided: false, VeiligThuis, 100, CancellationToken.None));
        Assert.Empty(await Desk().ListAsync(decided: false, "wijkteam-noord", 100, CancellationToken.None));
        Assert.Single(await Desk().ListAsync(decided: false, null, 100, CancellationToken.None)); // the operations team's
    }

    [Fact]
    public async Task Two_privacy_officers_judging_one_override_at_once_judge_it_once()
    {
        await _hub.DeliverAsync(Messages.MeldingFromSchool(_hub.Clock), School);
        var open = Assert.Single(await Desk().ListAsync(decided: false, null, 100, CancellationToken.None));

        var results = await Task.WhenAll(
            Desk().DecideAsync(open.Id, ReviewVerdict.Justified, "Meldcode gevolgd.", Officer, CancellationToken.None),
            Desk().DecideAsync(open.Id, ReviewVerdict.NotJustified, "Geen stap 4.", new PrivacyOfficer("fg-bert", "hub", "console"), CancellationToken.None));

        Assert.Single(results, r => r.Review is not null);
        Assert.Single(await RowsAsync(AccessEventKind.OverrideReview));
    }

    [Fact]
    public async Task Asking_who_received_data_about_a_person_lists_each_recipient_with_its_contract_and_is_logged_without_the_bsn()
    {
        var melding = Messages.MeldingFromSchool(_hub.Clock, Bsn);
        await _hub.DeliverAsync(melding, School);
        var asker = new AuditAsker("fg-anna", "hub", "console", "Inzageverzoek van de ouders");

        var rows = await Audit().ReceivedAsync(AuditSubject.ByBsn(Bsn), asker, organisation: null, CancellationToken.None);
        var ofTheWijkteam = await Audit().ReceivedAsync(AuditSubject.ByBsn(Bsn), asker with { Organisation = "wijkteam-noord" }, "wijkteam-noord", CancellationToken.None);

        var row = Assert.Single(rows);
        Assert.Equal((School, VeiligThuis, "V1.Signaal", Grondslag.Meldrecht, "M-MELDING"), (row.Sender, row.Recipient, row.Contract, row.Basis, row.RuleId));
        Assert.Equal(AccessEventKind.Override, row.Event);
        Assert.Empty(ofTheWijkteam);
        var asked = await RowsAsync(AccessEventKind.AuditQuery);
        Assert.Equal(2, asked.Count);
        Assert.All(asked, a => Assert.Equal(LedgerHarness.Pseudonyms.SubjectKeyFor(new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn }, "")!.Value, a.SubjectKey));
        Assert.Contains("(by BSN)", asked[0].Reason, StringComparison.Ordinal);
        Assert.Contains("1 disclosure(s) shown. Reason: Inzageverzoek van de ouders", asked[0].Reason, StringComparison.Ordinal);
        await using var db = _hub.NewContext();
        Assert.False(await db.AccessLog.AnyAsync(e => e.Reason!.Contains(Bsn) || e.SubjectKey!.Contains(Bsn)));
    }

    [Fact]
    public async Task An_audit_without_a_reason_or_with_one_that_names_the_person_is_refused_and_not_run()
    {
        await _hub.DeliverAsync(Messages.MeldingFromSchool(_hub.Clock, Bsn), School);

        var noReason = await Assert.ThrowsAsync<ArgumentException>(() =>
            Audit().ReceivedAsync(AuditSubject.ByBsn(Bsn), new AuditAsker("fg-anna", "hub", "console", " "), null, CancellationToken.None));
        var naming = await Assert.ThrowsAsync<ArgumentException>(() =>
            Audit().ReceivedAsync(AuditSubject.ByBsn(Bsn), new AuditAsker("fg-anna", "hub", "console", $"Vraag over {Bsn}"), null, CancellationToken.None));

        Assert.Contains("reason", noReason.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Bsn, naming.Message, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(AccessEventKind.AuditQuery));
    }

    private PrivacyReviewDesk Desk() => new(_hub.NewContext(), _hub.Clock);

    private DisclosureAudit Audit() => new(_hub.NewContext(), LedgerHarness.Pseudonyms, _hub.Clock);

    private async Task<List<AccessLogEntry>> RowsAsync(AccessEventKind kind)
    {
        await using var db = _hub.NewContext();
        return await db.AccessLog.AsNoTracking().Where(e => e.Event == kind).OrderBy(e => EF.Property<long>(e, "Id")).ToListAsync(); // as written
    }
}

public sealed class PrivacyReview_on_sqlite : PrivacyReviewSpecs
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"networkhub-reviews-{Guid.NewGuid():N}.db");

    protected override Task<Func<DbContextOptions<HubDbContext>>> DatabaseAsync() =>
        Task.FromResult<Func<DbContextOptions<HubDbContext>>>(() =>
            new DbContextOptionsBuilder<HubDbContext>().UseHubSqlite($"Data Source={_file};Default Timeout=30").Options);
}

[Collection(PostgresFixture.Collection)]
public sealed class PrivacyReview_on_postgresql(PostgresFixture postgres) : PrivacyReviewSpecs
{
    protected override async Task<Func<DbContextOptions<HubDbContext>>> DatabaseAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"reviews_{Guid.NewGuid():N}");
        return () => new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql(connectionString).Options;
    }
}
