using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// From the reports: a school and a huisarts signal the same 14-year-old, the match brings them together, the
/// wijkteam takes regie and convenes an MDO with the parents and the young person; the minutes reach attendees only.
/// </summary>
public abstract class MdoSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private static readonly DateOnly BirthDate = DateOnly.FromDateTime(SpecClock.MondayMorning.UtcDateTime.AddYears(-14).AddDays(-40));
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen(), database);

    /// <summary>Frozen: the specs move the clock past deadlines by hand.</summary>
    private SpecClock _clock => _network.Clock;

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Signals_from_school_and_huisarts_lead_to_regie_and_an_mdo_whose_minutes_reach_the_attendees_only()
    {
        await using var hub = await _network.StartHubAsync();
        var (school, huisarts, wijkteam) = await BringTogetherAsync();

        var invitation = Invitation([School, Huisarts]);
        await wijkteam.Client.SendAsync(invitation);
        await school.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        await huisarts.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        await school.Client.SendAsync(Answer(School, invitation.MdoId, MdoResponse.Accept));
        await huisarts.Client.SendAsync(Answer(Huisarts, invitation.MdoId, MdoResponse.Decline));
        await wijkteam.WaitForAsync<MdoAnswer>(a => a.SenderOrganisation == School);
        await wijkteam.WaitForAsync<MdoAnswer>(a => a.SenderOrganisation == Huisarts);

        var toAttendee = Minutes(invitation.MdoId, [School]);
        await wijkteam.Client.SendAsync(toAttendee);
        var minutes = await school.WaitForAsync<MdoMinutesShared>(m => m.MessageId == toAttendee.MessageId);
        Assert.Equal(Wijkteam, minutes.RegisseurOrganisation);
        Assert.Equal(["Schoolverzuim: dagelijks contact tussen school en ouders"], minutes.Agreements);

        var toAbsentee = Minutes(invitation.MdoId, [Huisarts]);
        await wijkteam.Client.SendAsync(toAbsentee);
        var refused = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == toAbsentee.MessageId);
        Assert.Equal(ReturnCode.NotInvolved, refused.Code);
        Assert.Equal(0, huisarts.Count<MdoMinutesShared>());
    }

    [Fact]
    public async Task Inviting_an_organisation_not_involved_with_the_family_is_refused_with_its_code()
    {
        await using var hub = await _network.StartHubAsync();
        var (school, _, wijkteam) = await BringTogetherAsync();
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);

        var invitation = Invitation([School, VeiligThuis]);
        await wijkteam.Client.SendAsync(invitation);

        var refused = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == invitation.MessageId);
        Assert.Equal(ReturnCode.NotInvolved, refused.Code);
        Assert.Contains(VeiligThuis, refused.Reason, StringComparison.Ordinal);
        Assert.Equal(0, school.Count<MdoUitnodiging>());
        Assert.Equal(0, veiligThuis.Count<MdoUitnodiging>());
    }

    [Fact]
    public async Task An_invitee_that_has_not_answered_is_reminded_before_the_rsvp_deadline()
    {
        await using var hub = await _network.StartHubAsync();
        var (school, huisarts, wijkteam) = await BringTogetherAsync();
        var invitation = Invitation([School, Huisarts]);
        await wijkteam.Client.SendAsync(invitation);
        await huisarts.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        await school.Client.SendAsync(Answer(School, invitation.MdoId, MdoResponse.Accept));
        await wijkteam.WaitForAsync<MdoAnswer>(a => a.SenderOrganisation == School);

        _clock.Advance(TimeSpan.FromDays(4.5)); // the RSVP deadline is in five days: the reminder goes a day before

        var reminder = await huisarts.WaitForAsync<MdoReminder>(r => r.MdoId == invitation.MdoId);
        Assert.Equal(MdoReminderKind.AnswerOutstanding, reminder.Kind);
        await hub.WaitForDeadlineScanAsync();
        Assert.Equal(0, school.Count<MdoReminder>());
    }

    [Fact]
    public async Task When_the_evaluation_date_passes_unevaluated_the_regisseur_is_reminded_and_after_the_grace_the_operators_see_a_stale_case()
    {
        await using var hub = await _network.StartHubAsync();
        var (_, wijkteam, minutes) = await ShareMinutesAsync();

        _clock.Advance(TimeSpan.FromDays(43)); // the day after the evaluation date
        var reminder = await wijkteam.WaitForAsync<EvaluationOverdue>(r => r.MdoId == minutes.MdoId);
        await hub.FireDueDeadlinesAsync();
        Assert.Equal(minutes.NextEvaluationOn, reminder.EvaluationDueOn);
        Assert.Null(reminder.Subject);
        Assert.Empty(await hub.AlertsAsync(StaleCase)); // the regisseur has its grace first

        _clock.Advance(TimeSpan.FromDays(7)); // five working days later
        await hub.FireDueDeadlinesAsync();

        var alert = Assert.Single(await hub.AlertsAsync(StaleCase));
        Assert.Equal((Wijkteam, minutes.MdoId), (alert.Organisations, alert.CorrelationId));
        Assert.DoesNotContain(Bsn, alert.Summary, StringComparison.Ordinal);
        Assert.Contains($"#{alert.Id} ", (await _network.AuditAsync("alerts", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(1, wijkteam.Count<EvaluationOverdue>());
    }

    [Theory]
    [InlineData("new minutes")]
    [InlineData("a closure")]
    [InlineData("a postponement")]
    public async Task An_evaluation_recorded_before_the_date_keeps_the_reminder_away(string evaluation)
    {
        await using var hub = await _network.StartHubAsync();
        var (school, wijkteam, minutes) = await ShareMinutesAsync();
        _clock.Advance(TimeSpan.FromDays(40));
        var later = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddDays(30));
        switch (evaluation)
        {
            case "new minutes":
                var next = Minutes(minutes.MdoId, [School]) with { NextEvaluationOn = later };
                await wijkteam.Client.SendAsync(next);
                await school.WaitForAsync<MdoMinutesShared>(m => m.MessageId == next.MessageId);
                break;
            case "a closure":
                var closure = new CaseClosed
                {
                    MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School],
                    Subject = Young, Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), Reason = "Doelen van het plan bereikt",
                };
                await wijkteam.Client.SendAsync(closure);
                await school.WaitForAsync<CaseClosed>(c => c.MessageId == closure.MessageId);
                break;
            default:
                await RegisterAsync(wijkteam, Postponement(minutes.MdoId, Wijkteam, later));
                break;
        }

        _clock.Advance(TimeSpan.FromDays(10)); // past the first date and its grace
        await hub.FireDueDeadlinesAsync();
        await hub.WaitForDeadlineScanAsync();

        Assert.Equal(0, wijkteam.Count<EvaluationOverdue>());
        Assert.Empty(await hub.AlertsAsync(StaleCase));
        Assert.All(await hub.DeadlinesAsync(minutes.MessageId), d => Assert.Null(d.FiredAt));
        if (evaluation != "a closure")
        {
            _clock.Advance(TimeSpan.FromDays(21)); // past the new date: the reminder names it
            var reminder = await wijkteam.WaitForAsync<EvaluationOverdue>(r => r.MdoId == minutes.MdoId);
            Assert.Equal(later, reminder.EvaluationDueOn);
        }
    }

    [Theory]
    [InlineData("another organisation")]
    [InlineData("an unknown MDO")]
    public async Task A_postponement_by_anyone_but_the_regisseur_or_of_an_unknown_mdo_is_refused_with_its_code(string wrong)
    {
        await using var hub = await _network.StartHubAsync();
        var (_, wijkteam, minutes) = await ShareMinutesAsync();
        var gi = await _network.ConnectAsync(Gi);
        var later = minutes.NextEvaluationOn.AddDays(30);
        var (sender, postponement) = wrong == "another organisation"
            ? (gi, Postponement(minutes.MdoId, Gi, later))
            : (wijkteam, Postponement(Guid.NewGuid(), Wijkteam, later));

        await sender.Client.SendAsync(postponement);

        var refused = await sender.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == postponement.MessageId);
        Assert.Equal(ReturnCode.UnknownEvaluation, refused.Code);
        Assert.DoesNotContain(postponement.Reason, refused.Reason, StringComparison.Ordinal);
        _clock.Advance(TimeSpan.FromDays(43)); // the evaluation date still stands
        await wijkteam.WaitForAsync<EvaluationOverdue>(r => r.MdoId == minutes.MdoId && r.EvaluationDueOn == minutes.NextEvaluationOn);
    }

    private const string StaleCase = "V1.CaseStale";

    /// <summary>The MDO is held: the school attended, and the wijkteam shares the minutes with an evaluation in six weeks.</summary>
    private async Task<(PartnerProbe School, PartnerProbe Wijkteam, MdoMinutesShared Minutes)> ShareMinutesAsync()
    {
        var (school, _, wijkteam) = await BringTogetherAsync();
        var invitation = Invitation([School]);
        await wijkteam.Client.SendAsync(invitation);
        await school.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        await school.Client.SendAsync(Answer(School, invitation.MdoId, MdoResponse.Accept));
        await wijkteam.WaitForAsync<MdoAnswer>(a => a.SenderOrganisation == School);
        var minutes = Minutes(invitation.MdoId, [School]);
        await wijkteam.Client.SendAsync(minutes);
        await school.WaitForAsync<MdoMinutesShared>(m => m.MessageId == minutes.MessageId);
        return (school, wijkteam, minutes);
    }

    private EvaluationPostponed Postponement(Guid mdo, string from, DateOnly to) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = mdo, SenderOrganisation = from, Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(),
        MdoId = mdo, NextEvaluationOn = to, Reason = "Moeder is opgenomen; evaluatie na haar terugkeer.",
    };

    /// <summary>School and huisarts signal the child (a match); the family consents to an MDO; the wijkteam takes regie.</summary>
    private async Task<(PartnerProbe School, PartnerProbe Huisarts, PartnerProbe Wijkteam)> BringTogetherAsync()
    {
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        foreach (var (partner, reference) in new[] { (school, "leerling-0042"), (huisarts, "patient-7781") })
        {
            var signal = Messages.SignalFromSchool(_network.Clock) with
            {
                SenderOrganisation = partner.Organisation, Recipients = [], Purpose = Purpose.Coordination, LegalBasis = null, ConsentReference = null,
                Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn, SenderReference = reference }, CreatedAt = _clock.GetUtcNow(),
            };
            await partner.Client.SendAsync(signal);
            await partner.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
        }

        await school.WaitForAsync<MatchNotification>();
        var consent = Messages.ConsentFromSchool(_network.Clock) with
        {
            SenderOrganisation = Wijkteam,
            Subject = Young,
            ConsentId = "mdo-toestemming-0042",
            GrantedBy = [GrantorRole.YoungPerson, GrantorRole.Parent], // at 14 both decide
            Scope = new Contracts.V1.ConsentScope
            {
                Purpose = Purpose.DiscussInMdo,
                OrganisationTypes = [OrganisationType.School, OrganisationType.Huisarts, OrganisationType.VeiligThuis],
            },
            CreatedAt = _clock.GetUtcNow(),
        };
        await wijkteam.Client.SendAsync(consent);
        await wijkteam.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == consent.MessageId);

        var claim = new RegieAssigned
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School, Huisarts],
            Subject = Young, Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), Scope = RegieScope.Family, RegisseurOrganisation = Wijkteam,
        };
        await wijkteam.Client.SendAsync(claim);
        await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        return (school, huisarts, wijkteam);
    }

    private static readonly SubjectReference Young = new() { Role = SubjectRole.Child, Bsn = Bsn, BirthDate = BirthDate };

    private MdoUitnodiging Invitation(string[] invitees) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = Wijkteam,
        Recipients = invitees,
        Subject = Young,
        Purpose = Purpose.DiscussInMdo,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = "mdo-toestemming-0042",
        CreatedAt = _clock.GetUtcNow(),
        MdoId = Guid.NewGuid(),
        MeetingPurpose = "Gezamenlijk plan na signalen van school en huisarts",
        ProposedTimes = [_clock.GetUtcNow().AddDays(7)],
        Invitees = invitees,
        FamilyInvitees = [new SubjectReference { Role = SubjectRole.Parent, SenderReference = "ouder-0042" }, Young],
        Sharing = [new PlannedSharing { Content = SectionKind.Plan, Description = "Het gezinsplan", LegalBasis = Grondslag.Toestemming, ConsentReference = "mdo-toestemming-0042" }],
        RsvpDeadline = _clock.GetUtcNow().AddDays(5),
    };

    private MdoAnswer Answer(string from, Guid mdo, MdoResponse response) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = from, Recipients = [Wijkteam],
        Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), MdoId = mdo, Response = response,
    };

    private MdoMinutesShared Minutes(Guid mdo, string[] to) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = Wijkteam,
        Recipients = to,
        Subject = Young,
        Purpose = Purpose.DiscussInMdo,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = "mdo-toestemming-0042",
        CreatedAt = _clock.GetUtcNow(),
        MdoId = mdo,
        HeldAt = _clock.GetUtcNow(),
        Attendees = [Wijkteam, School],
        Agreements = ["Schoolverzuim: dagelijks contact tussen school en ouders"],
        RegisseurOrganisation = Wijkteam,
        NextEvaluationOn = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddDays(42)),
    };
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Mdos_on_sqlite(RabbitMqFixture broker) : MdoSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Mdos_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : MdoSpecs(broker, HubDatabase.PostgreSql(postgres));
