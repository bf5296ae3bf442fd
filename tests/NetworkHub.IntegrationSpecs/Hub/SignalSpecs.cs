using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Steering;
using NetworkHub.Core.Time;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>Signals in the hub's index and the matches that make organisations find each other.</summary>
public abstract class SignalSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // test BSNs
    private const string MotherBsn = "999990032";
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task When_a_school_and_a_huisarts_signal_the_same_child_each_learns_who_else_is_involved_and_nothing_more()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await RegisterAsync(school, Signal(School, "leerling-0042"));

        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));

        var atSchool = await school.WaitForAsync<MatchNotification>();
        var atHuisarts = await huisarts.WaitForAsync<MatchNotification>();
        Assert.Equal([Huisarts], atSchool.InvolvedOrganisations);
        Assert.Equal([School], atHuisarts.InvolvedOrganisations);
        Assert.Equal(atSchool.MatchId, atHuisarts.MatchId);
        Assert.Equal("leerling-0042", atSchool.MatchedSubject.SenderReference); // each its own reference
        Assert.Equal("patient-7781", atHuisarts.MatchedSubject.SenderReference);
        Assert.Null(atSchool.MatchedSubject.Bsn);
        Assert.NotEqual(atSchool.MatchedSubject.Pseudonym, atHuisarts.MatchedSubject.Pseudonym); // unlinkable without the hub
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task When_a_school_signals_a_child_and_a_huisarts_its_mother_both_learn_of_each_other(bool motherFirst)
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var pupil = Signal(School, "leerling-0042") with
        {
            FamilyMembers = [new SubjectReference { Role = SubjectRole.Parent, Bsn = MotherBsn }], // the school knows the mother
        };
        var patient = Signal(Huisarts, "patient-3310") with
        {
            Subject = new SubjectReference { Role = SubjectRole.Parent, Bsn = MotherBsn, SenderReference = "patient-3310" },
        };

        foreach (var (partner, signal) in motherFirst ? new[] { (huisarts, patient), (school, pupil) } : [(school, pupil), (huisarts, patient)])
        {
            await RegisterAsync(partner, signal);
        }

        var atSchool = await school.WaitForAsync<MatchNotification>();
        var atHuisarts = await huisarts.WaitForAsync<MatchNotification>();
        Assert.Equal([Huisarts], atSchool.InvolvedOrganisations);
        Assert.Equal([School], atHuisarts.InvolvedOrganisations);
        Assert.Equal(atSchool.MatchId, atHuisarts.MatchId);
        Assert.Equal(("leerling-0042", SubjectRole.Parent), (atSchool.Subject?.SenderReference, atSchool.MatchedSubject.Role));
        Assert.Equal(("patient-3310", SubjectRole.Child), (atHuisarts.Subject?.SenderReference, atHuisarts.MatchedSubject.Role));
        Assert.All(new[] { atSchool.Subject, atSchool.MatchedSubject, atHuisarts.Subject, atHuisarts.MatchedSubject }, s => Assert.Null(s?.Bsn));
        Assert.Null(atSchool.MatchedSubject.SenderReference); // the huisarts's own reference stays with the huisarts
    }

    [Fact]
    public async Task A_family_match_without_a_regisseur_past_the_deadline_is_flagged_to_both_sides()
    {
        var clock = _network.Clock;
        clock.Freeze();
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await RegisterAsync(school, Signal(School, "leerling-0042") with
        {
            CreatedAt = clock.GetUtcNow(),
            FamilyMembers = [new SubjectReference { Role = SubjectRole.Parent, Bsn = MotherBsn }],
        });
        await RegisterAsync(huisarts, Signal(Huisarts, "patient-3310") with
        {
            CreatedAt = clock.GetUtcNow(),
            Subject = new SubjectReference { Role = SubjectRole.Parent, Bsn = MotherBsn },
        });

        clock.Advance(TimeSpan.FromDays(20));

        var atHuisarts = await huisarts.WaitForAsync<RegieMissing>();
        await school.WaitForAsync<RegieMissing>();
        Assert.Equal([Huisarts, School], atHuisarts.InvolvedOrganisations);
    }

    [Fact]
    public async Task A_signal_naming_a_family_member_without_a_BSN_is_returned_with_the_reason()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var signal = Signal(School, "leerling-0042") with
        {
            FamilyMembers = [new SubjectReference { Role = SubjectRole.Parent, SenderReference = "moeder van leerling 42" }],
        };

        await school.Client.SendAsync(signal);

        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, returned.Code);
        Assert.Contains("BSN", returned.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reporter_hears_that_its_signal_was_picked_up_when_the_wijkteam_acknowledges_it()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        await _network.ConnectAsync(Wijkteam); // acknowledges what it receives
        await GiveConsentAsync(school);
        var signal = Messages.SignalFromSchool(_network.Clock);

        await school.Client.SendAsync(signal);

        var feedback = await school.WaitForAsync<Terugkoppeling>(t => t.ReportMessageId == signal.MessageId);
        Assert.Equal(TerugkoppelingStatus.PickedUp, feedback.Status);
        Assert.Null(feedback.Subject); // status only
    }

    [Fact]
    public async Task A_reporter_the_wijkteam_tells_itself_counts_as_heard_back_in_its_sturingsinformatie()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        wijkteam.Decide = m => m is Signaal ? DeliveryOutcome.Declined(ReturnCode.DeclinedByRecipient, "Passed on to the wijkteam of the new address.") : DeliveryOutcome.Accepted;
        await GiveConsentAsync(school);
        var signal = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(signal);
        await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId); // not picked up: the hub has nothing to tell

        var told = new Terugkoppeling
        {
            MessageId = Guid.NewGuid(), CorrelationId = signal.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [School],
            Purpose = Purpose.Coordination, CreatedAt = _network.Clock.GetUtcNow(), ReportMessageId = signal.MessageId, Status = TerugkoppelingStatus.HandedOver,
        };
        await wijkteam.Client.SendAsync(told);
        await school.WaitForAsync<Terugkoppeling>(t => t.MessageId == told.MessageId);

        var month = await SteeringRowAsync(hub, School);
        Assert.Equal((1, 1), (month.FeedbackWanted, month.FeedbackGiven));
    }

    /// <summary>This month's sturingsinformatie for one organisation, as the console and the CLI export compute it.</summary>
    private async Task<SteeringRow> SteeringRowAsync(InProcessHub hub, string organisation)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var calendar = scope.ServiceProvider.GetRequiredService<WorkingDayCalendar>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_network.Clock.GetUtcNow(), calendar.TimeZone).DateTime);
        var rows = await scope.ServiceProvider.GetRequiredService<SteeringReport>().ComputeAsync(new DateOnly(today.Year, today.Month, 1), 1, organisation, null, CancellationToken.None);
        return Assert.Single(rows);
    }

    [Fact]
    public async Task A_signal_the_policy_refuses_for_every_recipient_leaves_no_trace_in_the_index()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var refused = Messages.SignalFromSchool(_network.Clock) with { Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn } }; // no consent registered
        await school.Client.SendAsync(refused);
        await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == refused.MessageId && r.Code == ReturnCode.NoLegalBasis);

        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));
        await RegisterAsync(wijkteam, Signal(Wijkteam, "client-17"));

        var atWijkteam = await wijkteam.WaitForAsync<MatchNotification>();
        Assert.Equal([Huisarts], atWijkteam.InvolvedOrganisations); // matched with the huisarts alone: the school's refused signal is not in the index
        Assert.Equal(0, school.Count<MatchNotification>());
    }

    [Fact]
    public async Task A_regie_claim_the_policy_refuses_for_every_partner_records_no_regisseur()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var gi = await _network.ConnectAsync(Gi);
        var refused = Claim(Gi, RegieScope.Child, [School]) with { Purpose = Purpose.ShareWithNamedOrganisations, LegalBasis = Grondslag.Toestemming, ConsentReference = "no-such-consent" };
        await gi.Client.SendAsync(refused);
        await gi.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == refused.MessageId);

        var claim = Claim(Wijkteam, RegieScope.Child, [School]);
        await wijkteam.Client.SendAsync(claim);

        await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId); // the first claim on record: no conflict with the refused one
        Assert.Equal(0, wijkteam.Count<RegieConflict>());
    }

    [Fact]
    public async Task A_second_signal_from_the_same_school_raises_no_match()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);

        await RegisterAsync(school, Signal(School, "leerling-0042"));
        await RegisterAsync(school, Signal(School, "leerling-0042")); // a match would be queued to the school before this acknowledgement

        Assert.Equal(0, school.Count<MatchNotification>());
    }

    [Fact]
    public async Task A_withdrawn_signal_is_reported_to_the_organisations_it_was_matched_with()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var fromSchool = Signal(School, "leerling-0042");
        await RegisterAsync(school, fromSchool);
        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));
        await huisarts.WaitForAsync<MatchNotification>();

        var withdrawal = new SignaalWithdrawn
        {
            MessageId = Guid.NewGuid(), CorrelationId = fromSchool.CorrelationId, SenderOrganisation = School,
            Purpose = Purpose.Coordination, CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1),
            SignaalMessageId = fromSchool.MessageId, Reason = "Zorgen weggenomen na gesprek met ouders",
        };
        await RegisterAsync(school, withdrawal);

        var told = await huisarts.WaitForAsync<SignaalWithdrawn>(w => w.SignaalMessageId == fromSchool.MessageId);
        Assert.Null(told.Subject);
    }

    [Fact]
    public async Task The_first_regie_claim_reaches_the_partners_and_the_reporters_hear_that_regie_was_assigned()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var fromSchool = Signal(School, "leerling-0042");
        await RegisterAsync(school, fromSchool);
        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));

        var claim = Claim(Wijkteam, RegieScope.Child, [School, Huisarts]);
        await wijkteam.Client.SendAsync(claim);

        var assigned = await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        await huisarts.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        Assert.Null(assigned.Subject?.Bsn); // coordination traffic carries no content
        var feedback = await school.WaitForAsync<Terugkoppeling>(t => t.ReportMessageId == fromSchool.MessageId);
        Assert.Equal(TerugkoppelingStatus.RegieAssigned, feedback.Status);
        Assert.Null(feedback.Subject); // status only, no case details
        await wijkteam.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == claim.MessageId && a.AcknowledgedBy == School);
    }

    [Fact]
    public async Task An_organisation_that_signals_a_child_under_regie_learns_who_the_regisseur_is()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await RegisterAsync(school, Signal(School, "leerling-0042"));
        var claim = Claim(Wijkteam, RegieScope.Child, [School]);
        await wijkteam.Client.SendAsync(claim);
        await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);

        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));

        var match = await huisarts.WaitForAsync<MatchNotification>();
        Assert.Equal(Wijkteam, match.RegisseurOrganisation);
        Assert.Equal([School], match.InvolvedOrganisations);
    }

    [Fact]
    public async Task A_second_claim_for_another_regisseur_raises_a_conflict_instead_of_overwriting_the_first()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var gi = await _network.ConnectAsync(Gi);
        var first = Claim(Wijkteam, RegieScope.Child, [School]);
        await wijkteam.Client.SendAsync(first);
        await school.WaitForAsync<RegieAssigned>(r => r.MessageId == first.MessageId);

        var second = Claim(Gi, RegieScope.Child, [School]);
        await gi.Client.SendAsync(second);

        var atGi = await gi.WaitForAsync<RegieConflict>();
        var atWijkteam = await wijkteam.WaitForAsync<RegieConflict>();
        Assert.Equal((Wijkteam, Gi), (atGi.ExistingClaim.RegisseurOrganisation, atGi.NewClaim.RegisseurOrganisation));
        Assert.Equal(first.MessageId, atWijkteam.ExistingClaim.ClaimMessageId);
        Assert.Empty(await hub.HandOffsAsync(second.MessageId)); // the routing of the second claim is recorded in full before its conflict notices leave
        Assert.Equal(0, school.Count<RegieAssigned>(r => r.MessageId == second.MessageId));
    }

    [Fact]
    public async Task A_family_matched_without_a_regisseur_past_the_deadline_is_flagged_to_everyone_involved()
    {
        var clock = _network.Clock;
        clock.Freeze();
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await RegisterAsync(school, Signal(School, "leerling-0042") with { CreatedAt = clock.GetUtcNow() });
        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781") with { CreatedAt = clock.GetUtcNow() });

        clock.Advance(TimeSpan.FromDays(20)); // ten working days and more

        var atSchool = await school.WaitForAsync<RegieMissing>();
        await huisarts.WaitForAsync<RegieMissing>();
        Assert.Equal([Huisarts, School], atSchool.InvolvedOrganisations);
    }

    private RegieAssigned Claim(string regisseur, RegieScope scope, string[] partners) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = regisseur,
        Recipients = partners,
        Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn },
        Purpose = Purpose.Coordination,
        CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1),
        Scope = scope,
        RegisseurOrganisation = regisseur,
        RegisseurDisplayName = "regisseur",
    };

    private Signaal Signal(string from, string ownReference) => IndexSignal(_network.Clock, from, Bsn, ownReference);
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Signals_on_sqlite(RabbitMqFixture broker) : SignalSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Signals_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : SignalSpecs(broker, HubDatabase.PostgreSql(postgres));
