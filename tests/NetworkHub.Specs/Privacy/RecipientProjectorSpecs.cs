using ConsentScope = NetworkHub.Core.Privacy.ConsentScope;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using static NetworkHub.Specs.Privacy.PrivacyWorld;

namespace NetworkHub.Specs.Privacy;

public class RecipientProjectorSpecs
{
    private static PolicyDecision Allowed(HubMessage message, Organisation recipient, params SectionKind[] visible) => new()
    {
        Allowed = true,
        MessageId = message.MessageId,
        SenderCode = message.SenderOrganisation,
        RecipientCode = recipient.Code,
        Purpose = message.Purpose,
        VisibleSections = visible.ToHashSet(),
        Reason = "spec",
    };

    private static (CaseFileShared Message, PolicyDecision Decision) Decided(Organisation from, Organisation to, Purpose purpose, Grondslag basis, OrganisationType consentType, bool shielded = false)
    {
        var subject = Child(shielded: shielded);
        var register = new InMemoryConsentRegister();
        register.Record(new ConsentRecord
        {
            Id = "C-1",
            RecordedBy = from.Code,
            Subject = Pseudonyms.SubjectKeyFor(subject, from.Code)!,
            SubjectBirthDate = subject.BirthDate!.Value,
            Purpose = purpose,
            Scope = purpose == Purpose.ShareWithNamedOrganisations ? ConsentScope.ForOrganisation(to.Code) : ConsentScope.ForType(consentType),
            GrantedBy = [GrantorRole.Parent],
            Decision = ConsentDecision.Given,
            DecidedAt = Now.AddDays(-1),
            Method = ConsentMethod.Digital,
        }, Now);
        var message = FullCaseFile(from, [to, VeiligThuis, Huisarts], purpose, basis, subject);
        return (message, Policy.Decide(message, from, to, register, Now));
    }

    [Fact]
    public void A_school_never_receives_health_or_veilig_thuis_details()
    {
        var (message, decision) = Decided(WijkteamNoord, School, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.School);

        var copy = Projector.Project(message, decision, School);

        Assert.Null(copy.HealthSummary);
        Assert.Null(copy.VeiligThuisFindings);
        Assert.Null(copy.Safety);
        Assert.Null(copy.JusticeNote);
        Assert.Equal(message.Aanleiding, copy.Aanleiding);
        Assert.Equal(message.PlanSummary, copy.PlanSummary);
    }

    [Fact]
    public void A_recipient_never_learns_the_id_under_which_the_sender_recorded_the_familys_consent()
    {
        var (message, decision) = Decided(WijkteamNoord, School, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.School);

        var copy = Projector.Project(message with { ConsentReference = "toestemming-0042" }, decision, School);

        Assert.Null(copy.ConsentReference);
    }

    [Fact]
    public void Health_details_nested_inside_a_visible_safety_section_are_still_withheld()
    {
        var (message, decision) = Decided(WijkteamNoord, Procesmanager, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.Procesmanager);

        var copy = Projector.Project(message, decision, Procesmanager);

        Assert.Equal("LIRIK", copy.Safety!.Instrument);
        Assert.Null(copy.Safety.InjuryDescription);
    }

    [Fact]
    public void A_recipient_not_entitled_to_the_bsn_gets_a_stable_pseudonym_for_every_subject_in_the_message()
    {
        var (message, decision) = Decided(WijkteamNoord, School, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.School);

        var first = Projector.Project(message, decision, School);
        var again = Projector.Project(message, decision, School);

        Assert.Null(first.Subject!.Bsn);
        Assert.Null(Assert.Single(first.Siblings).Bsn);
        Assert.NotNull(first.Subject.Pseudonym);
        Assert.NotNull(first.Siblings[0].Pseudonym);
        Assert.NotEqual(first.Subject.Pseudonym, first.Siblings[0].Pseudonym);
        Assert.Equal(first.Subject.Pseudonym, again.Subject!.Pseudonym);
        Assert.DoesNotContain(Bsn, first.Subject.Pseudonym, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_recipients_get_unrelated_pseudonyms_for_the_same_child()
    {
        var (toSchool, schoolDecision) = Decided(WijkteamNoord, School, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.School);
        var (toLeerplicht, leerplichtDecision) = Decided(WijkteamNoord, Leerplicht, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.Leerplicht);

        var school = Projector.Project(toSchool, schoolDecision, School).Subject!.Pseudonym;
        var leerplicht = Projector.Project(toLeerplicht, leerplichtDecision, Leerplicht).Subject!.Pseudonym;

        Assert.NotEqual(school, leerplicht);
    }

    [Fact]
    public void An_entitled_recipient_keeps_the_bsn_and_also_gets_its_pseudonym()
    {
        var (message, decision) = Decided(WijkteamNoord, Huisarts, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.Huisarts);

        var copy = Projector.Project(message, decision, Huisarts);

        Assert.Equal(Bsn, copy.Subject!.Bsn);
        Assert.NotNull(copy.Subject.Pseudonym);
        Assert.Equal(message.HealthSummary, copy.HealthSummary);
    }

    [Fact]
    public void A_shielded_address_never_leaves_the_hub_even_when_a_decision_would_allow_the_address()
    {
        var message = FullCaseFile(WijkteamNoord, [VeiligThuis], Purpose.Coordination, null, Child(shielded: true));
        var decision = Allowed(message, VeiligThuis, Enum.GetValues<SectionKind>());

        var copy = Projector.Project(message, decision, VeiligThuis);

        Assert.Null(copy.Subject!.Address);
        Assert.Null(copy.Siblings[0].Address);
        Assert.True(copy.Subject.Shielded);
    }

    [Fact]
    public void The_sender_s_message_is_left_untouched_and_the_copy_names_only_its_own_recipient()
    {
        var (message, decision) = Decided(WijkteamNoord, School, Purpose.DiscussInMdo, Grondslag.Toestemming, OrganisationType.School);
        var before = System.Text.Json.JsonSerializer.Serialize(message);

        var copy = Projector.Project(message, decision, School);

        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(message));
        Assert.Equal([School.Code], copy.Recipients);
        Assert.Equal(3, message.Recipients.Count);
        Assert.Equal(message.MessageId, copy.MessageId);
    }

    [Fact]
    public void The_override_justification_goes_only_where_the_override_was_used()
    {
        var melding = new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = "Acute zorgen: letsel gezien, stap 5 besloten." };
        var toVt = FullCaseFile(School, [VeiligThuis], Purpose.ReportToVeiligThuis, Grondslag.Meldrecht, Child()) with { Override = melding };
        var vtDecision = Policy.Decide(toVt, School, VeiligThuis, new InMemoryConsentRegister(), Now);
        var coordination = new Terugkoppeling
        {
            MessageId = Guid.NewGuid(), CorrelationId = toVt.CorrelationId, SenderOrganisation = School.Code, Recipients = [WijkteamNoord.Code],
            Subject = Child(), Purpose = Purpose.Coordination, CreatedAt = Now, Override = melding, ReportMessageId = toVt.MessageId, Status = TerugkoppelingStatus.PickedUp,
        };
        var coordinationDecision = Policy.Decide(coordination, School, WijkteamNoord, new InMemoryConsentRegister(), Now);

        Assert.Equal(melding, Projector.Project(toVt, vtDecision, VeiligThuis).Override);
        Assert.Null(Projector.Project(coordination, coordinationDecision, WijkteamNoord).Override);
    }

    [Fact]
    public void A_school_s_signal_sent_as_coordination_reaches_neither_the_police_nor_the_wijkteam_and_is_refused_for_want_of_a_legal_basis()
    {
        var signaal = new Signaal
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = Guid.NewGuid(),
            SenderOrganisation = School.Code,
            Recipients = [Politie.Code, WijkteamNoord.Code],
            Subject = Child(),
            Purpose = Purpose.Coordination,
            CreatedAt = Now,
            Category = "vermoeden huiselijk geweld",
            Urgency = Urgency.High,
            Leefgebieden = [Leefgebied.Veiligheid],
            FamilyInformed = false,
        };

        var decisions = Policy.DecideAll(signaal, OrganisationDirectory, new InMemoryConsentRegister(), Now);

        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d =>
        {
            Assert.False(d.Allowed);
            Assert.Equal(ReturnCode.NoLegalBasis, d.ReturnCode);
            Assert.Equal(PolicyRefusal.PurposeDoesNotCoverContract, d.Refusal);
            Assert.Contains("references alone", d.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void An_acknowledgement_sent_as_coordination_reaches_its_recipient_with_references_and_a_pseudonym_alone()
    {
        var ack = new Acknowledgement
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = Guid.NewGuid(),
            SenderOrganisation = WijkteamNoord.Code,
            Recipients = [School.Code],
            Subject = Child(),
            Purpose = Purpose.Coordination,
            CreatedAt = Now,
            AcknowledgedMessageId = Guid.NewGuid(),
            AcknowledgedBy = WijkteamNoord.Code,
        };
        var decision = Policy.Decide(ack, WijkteamNoord, School, new InMemoryConsentRegister(), Now);

        var copy = Projector.Project(ack, decision, School);

        Assert.Equal(ack.AcknowledgedMessageId, copy.AcknowledgedMessageId);
        Assert.Null(copy.Subject!.Bsn);
        Assert.Null(copy.Subject.BirthDate);
        Assert.Null(copy.Subject.Address);
        Assert.NotNull(copy.Subject.Pseudonym);
    }

    [Fact]
    public void A_property_nobody_classified_reaches_no_recipient_even_one_that_may_see_every_section()
    {
        var message = new UnclassifiedNote
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = WijkteamNoord.Code, Recipients = [VeiligThuis.Code],
            Purpose = Purpose.Coordination, CreatedAt = Now, NoteId = Guid.NewGuid(), Note = "Moeder belde over de ruzie thuis.",
        };

        var copy = Projector.Project(message, Allowed(message, VeiligThuis, Enum.GetValues<SectionKind>()), VeiligThuis);

        Assert.Null(copy.Note);
        Assert.Equal(message.NoteId, copy.NoteId);
    }

    [Fact]
    public void A_refused_message_is_never_projected()
    {
        var message = FullCaseFile(School, [WijkteamNoord], Purpose.ShareWithNamedOrganisations, null, Child());
        var refused = Policy.Decide(message, School, WijkteamNoord, new InMemoryConsentRegister(), Now);

        Assert.Throws<InvalidOperationException>(() => Projector.Project(message, refused, WijkteamNoord));
    }

    [Fact]
    public void A_safety_flag_set_in_a_safety_section_makes_a_consent_refusal_point_to_veilig_thuis()
    {
        var message = FullCaseFile(School, [WijkteamNoord], Purpose.ShareWithNamedOrganisations, Grondslag.Toestemming, Child()) with { ImmediateDanger = true };

        var decision = Policy.Decide(message, School, WijkteamNoord, new InMemoryConsentRegister(), Now);

        Assert.True(decision.MeldingAdvised);
        Assert.Contains("Veilig Thuis", decision.Reason, StringComparison.Ordinal);
    }
}

/// <summary>A contract written only for these specs, with one property nobody classified.</summary>
public sealed record UnclassifiedNote : HubMessage
{
    [NoPersonalData]
    public required Guid NoteId { get; init; }

    public string? Note { get; init; }
}
