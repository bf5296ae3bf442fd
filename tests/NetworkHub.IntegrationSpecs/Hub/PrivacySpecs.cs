using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Cli;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>Consent, minimisation, the meldcode override, withdrawal and the access log, through the real hub and broker.</summary>
public abstract class PrivacySpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_signal_without_the_familys_consent_is_returned_and_never_reaches_the_wijkteam()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var signal = Messages.SignalFromSchool(_network.Clock);

        await school.Client.SendAsync(signal);

        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal(ReturnCode.NoLegalBasis, returned.Code);
        Assert.Contains("consent", returned.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, wijkteam.Count<Signaal>());
        var log = await AccessLogAsync(hub);
        Assert.Contains(log, e => e.Event == AccessEventKind.Refusal && e.MessageId == signal.MessageId && e.Recipient == Wijkteam);
    }

    [Fact]
    public async Task A_school_s_signal_sent_to_the_police_as_coordination_is_returned_for_want_of_a_legal_basis_and_the_police_receive_nothing()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var politie = await _network.ConnectAsync(Politie);
        var signal = Messages.SignalFromSchool(_network.Clock, to: Politie, category: "vermoeden huiselijk geweld") with
        {
            Purpose = Purpose.Coordination, LegalBasis = null, ConsentReference = null,
            Urgency = Urgency.High, Leefgebieden = [Leefgebied.Veiligheid],
        };

        await school.Client.SendAsync(signal);

        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal(ReturnCode.NoLegalBasis, returned.Code);
        Assert.Contains("references alone", returned.Reason, StringComparison.Ordinal);
        var log = await AccessLogAsync(hub);
        Assert.Contains(log, e => e.Event == AccessEventKind.Refusal && e.MessageId == signal.MessageId && e.Recipient == Politie);
        Assert.Equal(0, politie.Count<Signaal>());
    }

    [Fact]
    public async Task A_school_receives_a_pseudonym_where_the_wijkteam_receives_the_bsn()
    {
        await using var hub = await _network.StartHubAsync();
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var school = await _network.ConnectAsync(School);
        var consent = Messages.ConsentFromSchool(_network.Clock, Wijkteam) with
        {
            SenderOrganisation = Wijkteam,
            Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn, BirthDate = new DateOnly(2017, 3, 14) },
            Scope = new Contracts.V1.ConsentScope { Purpose = Purpose.ShareWithNamedOrganisations, Organisations = [School] },
        };
        await wijkteam.Client.SendAsync(consent);
        await wijkteam.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == consent.MessageId);
        var signal = Messages.SignalFromSchool(_network.Clock, to: School) with
        {
            SenderOrganisation = Wijkteam,
            Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn, Address = "Voorbeeldstraat 1, Zwolle" },
            Aanleiding = "Zorgen over schoolverzuim",
        };

        await wijkteam.Client.SendAsync(signal);

        var received = await school.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
        Assert.Null(received.Subject!.Bsn);
        Assert.False(string.IsNullOrEmpty(received.Subject.Pseudonym));
        Assert.Null(received.Subject.Address); // a school's profile has no address section
        Assert.Equal(signal.Aanleiding, received.Aanleiding); // the reason travels with the hand-off
        Assert.Equal([School], received.Recipients);
    }

    [Fact]
    public async Task Consent_recorded_by_a_parent_alone_for_a_sixteen_year_old_is_refused_and_nothing_is_registered()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var consent = Messages.ConsentFromSchool(_network.Clock, Wijkteam, Huisarts) with
        {
            Subject = new SubjectReference { Role = SubjectRole.Child, SenderReference = "leerling-0042", BirthDate = DateOnly.FromDateTime(_network.Clock.GetUtcNow().UtcDateTime.AddYears(-16).AddDays(-30)) },
        };

        await school.Client.SendAsync(consent);

        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == consent.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, returned.Code);
        Assert.Contains("consent register refused", returned.Reason, StringComparison.Ordinal);
        await using var scope = hub.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<HubDbContext>().Consents.AnyAsync());
    }

    [Fact]
    public async Task A_refused_consent_with_safety_concerns_tells_the_school_that_a_melding_is_the_lawful_route()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var refusal = new ConsentRefused
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = Guid.NewGuid(),
            SenderOrganisation = School,
            Subject = new SubjectReference { Role = SubjectRole.Child, SenderReference = "leerling-0042", BirthDate = new DateOnly(2017, 3, 14) },
            Purpose = Purpose.ShareWithNamedOrganisations,
            CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1),
            ConsentId = "weigering-0042",
            RefusedBy = GrantorRole.Parent,
            Scope = new Contracts.V1.ConsentScope { Purpose = Purpose.ShareWithNamedOrganisations, Organisations = [Wijkteam] },
            RefusedOn = DateOnly.FromDateTime(_network.Clock.GetUtcNow().UtcDateTime.AddDays(-1)),
        };
        await school.Client.SendAsync(refusal);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == refusal.MessageId);
        var signal = Messages.SignalFromSchool(_network.Clock) with { Leefgebieden = [Leefgebied.Veiligheid] };

        await school.Client.SendAsync(signal);

        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal(ReturnCode.ConsentRefused, returned.Code);
        Assert.Contains("Veilig Thuis", returned.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_melding_to_veilig_thuis_without_consent_passes_under_the_meldcode_and_awaits_the_privacy_officer()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var melding = Melding(new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = "Kind vertelt over geweld thuis; ouders weigeren hulp." });

        await school.Client.SendAsync(melding);

        await veiligThuis.WaitForAsync<Signaal>(s => s.MessageId == melding.MessageId);
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var review = await db.PrivacyReviews.SingleAsync(r => r.MessageId == melding.MessageId);
        Assert.Equal((School, VeiligThuis, MeldcodeStep.Beslissen), (review.SenderCode, review.RecipientCode, review.MeldcodeStep));
        var logged = await db.AccessLog.SingleAsync(e => e.MessageId == melding.MessageId);
        Assert.True(logged.OverrideUsed);
        Assert.Equal((AccessEventKind.Override, Grondslag.Meldrecht), (logged.Event, logged.Basis));
    }

    [Fact]
    public async Task A_melding_without_a_written_justification_is_returned_and_veilig_thuis_receives_nothing()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var melding = Melding(null);

        await school.Client.SendAsync(melding);

        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == melding.MessageId);
        Assert.Equal(ReturnCode.NoLegalBasis, returned.Code);
        Assert.Contains("justification", returned.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, veiligThuis.Count<Signaal>());
    }

    [Fact]
    public async Task Withdrawn_consent_stops_sharing_asks_each_earlier_recipient_to_delete_and_escalates_a_late_confirmation()
    {
        var clock = _network.Clock;
        clock.Freeze();
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await GiveConsentAsync(school);
        var first = Messages.SignalFromSchool(_network.Clock) with { Recipients = [Wijkteam, Huisarts] };
        await school.Client.SendAsync(first);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == first.MessageId);
        await huisarts.WaitForAsync<Signaal>(s => s.MessageId == first.MessageId);

        var withdrawal = Messages.ConsentWithdrawnBySchool(_network.Clock, Wijkteam, Huisarts);
        await school.Client.SendAsync(withdrawal);
        var toWijkteam = await wijkteam.WaitForAsync<DeletionRequested>(d => d.CorrelationId == withdrawal.CorrelationId);
        await huisarts.WaitForAsync<DeletionRequested>(d => d.CorrelationId == withdrawal.CorrelationId);
        Assert.Null(toWijkteam.ConsentId); // the school's own id for the consent stays with the school
        await wijkteam.Client.SendAsync(new DeletionConfirmed
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = toWijkteam.CorrelationId,
            SenderOrganisation = Wijkteam,
            Purpose = Purpose.Coordination,
            CreatedAt = clock.GetUtcNow(),
            RequestMessageId = toWijkteam.MessageId,
            DeletedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
        });
        await school.WaitForAsync<DeletionConfirmed>(d => d.RequestMessageId == toWijkteam.MessageId);

        var second = Messages.SignalFromSchool(_network.Clock) with { CreatedAt = clock.GetUtcNow() };
        await school.Client.SendAsync(second);
        var refused = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == second.MessageId);
        Assert.Equal(ReturnCode.ConsentWithdrawn, refused.Code);

        clock.Advance(TimeSpan.FromDays(10)); // past five working days: the huisarts never confirmed
        var overdue = await school.WaitForAsync<AcknowledgementOverdue>(a => a.Recipient == Huisarts);
        Assert.DoesNotContain(school.Received.OfType<AcknowledgementOverdue>(), a => a.Recipient == Wijkteam);
        Assert.NotEqual(first.MessageId, overdue.OverdueMessageId);
    }

    [Fact]
    public async Task A_huisarts_cannot_withdraw_the_schools_consent_and_hears_nothing_it_would_not_hear_for_an_unused_id()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await GiveConsentAsync(school);
        var schoolsId = Messages.ConsentWithdrawnBySchool(_network.Clock, Wijkteam, Huisarts) with { SenderOrganisation = Huisarts };
        var unusedId = schoolsId with { MessageId = Guid.NewGuid(), ConsentId = "toestemming-9999" };

        await huisarts.Client.SendAsync(schoolsId);
        await huisarts.Client.SendAsync(unusedId);

        var toSchoolsId = await huisarts.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == schoolsId.MessageId);
        var toUnusedId = await huisarts.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == unusedId.MessageId);
        Assert.Equal(ReturnCode.UnknownConsent, toSchoolsId.Code);
        Assert.Equal((toUnusedId.Code, toUnusedId.Reason), (toSchoolsId.Code, toSchoolsId.Reason));
        var signal = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(signal);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId); // the school's consent still stands
    }

    [Fact]
    public async Task Withdrawing_consent_for_the_huisarts_only_stops_sharing_with_the_huisarts_and_not_with_the_wijkteam()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await _network.ConnectAsync(Huisarts);
        await GiveConsentAsync(school);
        var withdrawal = Messages.ConsentWithdrawnBySchool(_network.Clock, Huisarts);
        await school.Client.SendAsync(withdrawal);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == withdrawal.MessageId);

        var signal = Messages.SignalFromSchool(_network.Clock) with { Recipients = [Wijkteam, Huisarts] };
        await school.Client.SendAsync(signal);

        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
        var refused = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal(ReturnCode.ConsentWithdrawn, refused.Code);
        Assert.Contains(Huisarts, refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_withdraws_the_schools_consent_with_a_reason_that_the_access_log_keeps_and_the_school_can_no_longer_share()
    {
        PartnerProbe school;
        await using (var hub = await _network.StartHubAsync())
        {
            school = await _network.ConnectAsync(School);
            var wijkteam = await _network.ConnectAsync(Wijkteam);
            await GiveConsentAsync(school);
            var first = Messages.SignalFromSchool(_network.Clock);
            await school.Client.SendAsync(first);
            await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == first.MessageId);
        }

        var (withdrawn, exit) = await _network.AuditAsync("consent", "withdraw", "toestemming-0042", "--recorded-by", School, "--by", "anna",
            "--reason", "Ouders trokken hun toestemming in bij de gemeente");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"to be asked to delete it: {Wijkteam}", withdrawn, StringComparison.Ordinal);
        await using (var hub = await _network.StartHubAsync())
        {
            var second = Messages.SignalFromSchool(_network.Clock) with { CreatedAt = _network.Clock.GetUtcNow() };
            await school.Client.SendAsync(second);
            var refused = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == second.MessageId);
            Assert.Equal(ReturnCode.ConsentWithdrawn, refused.Code);
            var log = await AccessLogAsync(hub);
            Assert.Contains(log, e => e.Event == AccessEventKind.ConsentChange && e.Actor == "operator:anna" && e.OnBehalfOf == School
                                      && e.Reason!.Contains("bij de gemeente", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_audit_tool_lists_who_received_data_about_a_child_and_reports_a_tampered_row()
    {
        await using (var hub = await _network.StartHubAsync())
        {
            var school = await _network.ConnectAsync(School);
            var wijkteam = await _network.ConnectAsync(Wijkteam);
            await GiveConsentAsync(school);
            var signal = Messages.SignalFromSchool(_network.Clock);
            await school.Client.SendAsync(signal);
            await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
            // The wijkteam's client acknowledges it; the hub forwards that to the school with its terugkoppeling, both
            // disclosures about the child. Stopping before they are recorded would leave the count to chance.
            await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
        }

        var (received, receivedExit) = await _network.AuditAsync("audit", "received", "--reference", "leerling-0042", "--sender", School, "--by", "fg-anna", "--reason", "inzageverzoek");
        Assert.Equal(ExitCodes.Ok, receivedExit);
        Assert.Contains($"{School} -> {Wijkteam}", received, StringComparison.Ordinal);
        Assert.Contains("3 transfer(s)", received, StringComparison.Ordinal); // the signal, the forwarded acknowledgement, the terugkoppeling

        await using (var db = _network.OpenDatabase())
        {
            await db.AccessLog.Where(e => e.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.Purpose, Purpose.DiscussInMdo));
        }

        var (verified, verifyExit) = await _network.AuditAsync("audit", "verify");
        Assert.Equal(ExitCodes.ChainBroken, verifyExit);
        Assert.Contains("BROKEN at row 2", verified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_access_log_row_is_reported_by_the_audit_as_the_first_broken_row()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        foreach (var signal in Enumerable.Range(0, 3).Select(_ => Messages.SignalFromSchool(_network.Clock)))
        {
            await school.Client.SendAsync(signal);
            await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
        }

        await using var scope = hub.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AccessLogStore>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await audit.UnsealedAsync(CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100); // the hub's sealer chains new rows within moments
        }

        var intact = await audit.VerifyAsync(CancellationToken.None);
        Assert.True(intact.Intact);
        Assert.True(intact.RowsChecked >= 5); // two consent rows and three transfers

        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.AccessLog.Where(e => e.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(e => e.Recipient, "iemand-anders"));
        var tampered = await audit.VerifyAsync(CancellationToken.None);

        Assert.False(tampered.Intact);
        Assert.Equal(3L, tampered.FirstBrokenSequence);
    }

    private Signaal Melding(MeldcodeOverride? justification) => Messages.SignalFromSchool(_network.Clock, to: VeiligThuis) with
    {
        Purpose = Purpose.ReportToVeiligThuis,
        LegalBasis = Grondslag.Meldrecht,
        ConsentReference = null,
        Urgency = Urgency.High,
        Leefgebieden = [Leefgebied.Veiligheid],
        Override = justification,
    };

    private static async Task<List<AccessLogEntry>> AccessLogAsync(InProcessHub hub)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AccessLog.AsNoTracking().ToListAsync();
    }
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Privacy_on_sqlite(RabbitMqFixture broker) : PrivacySpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Privacy_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : PrivacySpecs(broker, HubDatabase.PostgreSql(postgres));
