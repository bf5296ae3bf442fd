using ConsentScope = NetworkHub.Core.Privacy.ConsentScope;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using static NetworkHub.Contracts.V1.SectionKind;
using static NetworkHub.Specs.Privacy.PrivacyWorld;

namespace NetworkHub.Specs.Privacy;

/// <summary>A consent decision on record before the message is sent.</summary>
public sealed record ConsentOnRecord(Purpose Purpose, ConsentScope Scope, GrantorRole[] By)
{
    public ConsentDecision Decision { get; init; } = ConsentDecision.Given;
    public int DaysAgo { get; init; } = 30;
    public int? ValidForDays { get; init; }
    public int? WithdrawnDaysAgo { get; init; }
}

/// <summary>One policy case from the domain: who sends what to whom, what is on record, and what must happen.</summary>
public sealed record PolicyCase(string Name)
{
    public required Organisation From { get; init; }
    public required Organisation To { get; init; }
    public Grondslag? Basis { get; init; }
    public required Purpose Purpose { get; init; }
    public int Age { get; init; } = 8;
    public bool Shielded { get; init; }
    public bool WithBsn { get; init; } = true;
    public bool WithReference { get; init; } = true;
    public bool SafetyConcern { get; init; }
    public MeldcodeOverride? Override { get; init; }
    public ConsentOnRecord[] Consents { get; init; } = [];

    public required bool Delivered { get; init; }
    public ReturnCode? Code { get; init; }

    /// <summary>Exactly the sections the recipient's copy contains.</summary>
    public SectionKind[] Sees { get; init; } = [];

    public bool SeesBsn { get; init; }
    public bool Anonymous { get; init; }
    public bool Flagged { get; init; }
    public string? ReasonMentions { get; init; }

    public override string ToString() => Name;
}

public class PolicyCaseSpecs
{
    private static readonly GrantorRole[] Parent = [GrantorRole.Parent];
    private static readonly GrantorRole[] YoungPerson = [GrantorRole.YoungPerson];
    private static readonly GrantorRole[] YoungPersonAndParent = [GrantorRole.YoungPerson, GrantorRole.Parent];

    private static readonly SectionKind[] ConsentEverything = [Identification, Address, Reason, Safety, Health, VeiligThuisDetails, Finances, Plan];
    private static readonly SectionKind[] Everything = Enum.GetValues<SectionKind>();
    private static readonly SectionKind[] Care = [Identification, Address, Reason, Safety, Health, Plan];
    private static readonly SectionKind[] SchoolSees = [Identification, Reason, Plan];
    private static readonly SectionKind[] MoneyAndHome = [Identification, Address, Reason, Finances, Plan];

    private static readonly MeldcodeOverride Melding = new() { Step = MeldcodeStep.Beslissen, Justification = "Acute zorgen over letsel; ouders weigeren hulp, stap 5 besloten: melden." };
    private static readonly MeldcodeOverride OrderJustification = new() { Justification = "De GI heeft deze gegevens nodig voor de uitvoering van de OTS." };

    private static ConsentOnRecord For(Organisation o, Purpose p, GrantorRole[] by) => new(p, ConsentScope.ForOrganisation(o.Code), by);

    private static ConsentOnRecord ForType(OrganisationType t, Purpose p, GrantorRole[] by) => new(p, ConsentScope.ForType(t), by);

    private static readonly PolicyCase[] All =
    [
        // Toestemming: school → wijkteam.
        new("A school shares a worry with the wijkteam with the parents' consent: the wijkteam sees everything but justice data, with the BSN")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = ConsentEverything, SeesBsn = true, ReasonMentions = "T-SHARE",
        },
        new("A school shares with the wijkteam without having asked consent: refused for lack of a legal basis")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "holds no consent",
        },
        new("A school shares with the wijkteam after the parents refused: refused as consent refused")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent) with { Decision = ConsentDecision.Refused }],
            Delivered = false, Code = ReturnCode.ConsentRefused,
        },
        new("A school with safety worries whose parents refused consent is told that a melding to Veilig Thuis is the lawful route")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, SafetyConcern = true,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent) with { Decision = ConsentDecision.Refused }],
            Delivered = false, Code = ReturnCode.ConsentRefused, ReasonMentions = "a melding to Veilig Thuis under the meldcode",
        },
        new("A school shares with the wijkteam after the parents withdrew their consent: refused as consent withdrawn")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent) with { DaysAgo = 60, WithdrawnDaysAgo = 5 }],
            Delivered = false, Code = ReturnCode.ConsentWithdrawn,
        },
        new("A school shares with the wijkteam on consent that ran out last month: refused as consent expired")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent) with { DaysAgo = 90, ValidForDays = 60 }],
            Delivered = false, Code = ReturnCode.ConsentExpired, ReasonMentions = "has expired",
        },
        new("Consent to gather information does not cover sharing with named organisations (purpose binding)")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [ForType(OrganisationType.Wijkteam, Purpose.GatherInformation, Parent)],
            Delivered = false, Code = ReturnCode.NoLegalBasis,
        },
        new("Consent to share with wijkteam Noord does not cover wijkteam Zuid")
        {
            From = School, To = WijkteamZuid, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = false, Code = ReturnCode.NoLegalBasis,
        },
        new("One wijkteam hands a family to another with consent: justice data stays behind, because consent cannot carry it")
        {
            From = WijkteamNoord, To = WijkteamZuid, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(WijkteamZuid, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = ConsentEverything, SeesBsn = true,
        },

        // Toestemming: minimisation per recipient type.
        new("The wijkteam gathers information from any huisarts under consent for the type: the huisarts sees care data and the BSN")
        {
            From = WijkteamNoord, To = Huisarts, Basis = Grondslag.Toestemming, Purpose = Purpose.GatherInformation,
            Consents = [ForType(OrganisationType.Huisarts, Purpose.GatherInformation, Parent)],
            Delivered = true, Sees = Care, SeesBsn = true,
        },
        new("The wijkteam discusses the child with the school in an MDO: the school never sees health, safety, Veilig Thuis details, the address or the BSN")
        {
            From = WijkteamNoord, To = School, Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussInMdo,
            Consents = [ForType(OrganisationType.School, Purpose.DiscussInMdo, Parent)],
            Delivered = true, Sees = SchoolSees, SeesBsn = false,
        },
        new("The huisarts in the same MDO sees what concerns care, with the BSN")
        {
            From = WijkteamNoord, To = Huisarts, Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussInMdo,
            Consents = [ForType(OrganisationType.Huisarts, Purpose.DiscussInMdo, Parent)],
            Delivered = true, Sees = Care, SeesBsn = true,
        },
        new("The wijkteam may not share a family's file with the police on consent: purpose not allowed for the recipient type")
        {
            From = WijkteamNoord, To = Politie, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(Politie, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = false, Code = ReturnCode.PurposeNotAllowedForRecipient, ReasonMentions = "not allowed for a recipient of type Politie",
        },
        new("Leerplicht receives no shared files: purpose not allowed for the recipient type")
        {
            From = WijkteamNoord, To = Leerplicht, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Delivered = false, Code = ReturnCode.PurposeNotAllowedForRecipient,
        },
        new("Leerplicht joins an MDO with consent and sees identification, address, reason and plan only")
        {
            From = WijkteamNoord, To = Leerplicht, Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussInMdo,
            Consents = [ForType(OrganisationType.Leerplicht, Purpose.DiscussInMdo, Parent)],
            Delivered = true, Sees = [Identification, Address, Reason, Plan], SeesBsn = false,
        },
        new("The Raad voor de Kinderbescherming is not reached on consent: purpose not allowed for the recipient type")
        {
            From = WijkteamNoord, To = Raad, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Delivered = false, Code = ReturnCode.PurposeNotAllowedForRecipient,
        },
        new("The wijkteam gathers information from the JGZ with consent: care data and the BSN")
        {
            From = WijkteamNoord, To = Jgz, Basis = Grondslag.Toestemming, Purpose = Purpose.GatherInformation,
            Consents = [ForType(OrganisationType.Jgz, Purpose.GatherInformation, Parent)],
            Delivered = true, Sees = Care, SeesBsn = true,
        },
        new("Schuldhulp receives the finances but not health or safety, and a pseudonym instead of the BSN")
        {
            From = WijkteamNoord, To = Schuldhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(Schuldhulp, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = MoneyAndHome, SeesBsn = false,
        },
        new("The woningcorporatie receives address, arrears and plan, and a pseudonym instead of the BSN")
        {
            From = WijkteamNoord, To = Woningcorporatie, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(Woningcorporatie, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = MoneyAndHome, SeesBsn = false,
        },
        new("A jeugdhulpaanbieder named in the consent receives care data and the BSN it is entitled to")
        {
            From = WijkteamNoord, To = Jeugdhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(Jeugdhulp, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = Care, SeesBsn = true,
        },
        new("The procesmanager in an escalation MDO sees reason, safety and plan, with a pseudonym")
        {
            From = WijkteamNoord, To = Procesmanager, Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussInMdo,
            Consents = [ForType(OrganisationType.Procesmanager, Purpose.DiscussInMdo, Parent)],
            Delivered = true, Sees = [Identification, Reason, Safety, Plan], SeesBsn = false,
        },
        new("An anonymous case discussion with a jeugdhulpaanbieder carries no identification, no pseudonym and no BSN")
        {
            From = WijkteamNoord, To = Jeugdhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussAnonymously,
            Consents = [ForType(OrganisationType.Jeugdhulpaanbieder, Purpose.DiscussAnonymously, Parent)],
            Delivered = true, Sees = [Reason, Safety, Health, Plan], Anonymous = true,
        },
        new("Veilig Thuis hands a case down to the wijkteam with consent: the wijkteam receives Veilig Thuis' findings")
        {
            From = VeiligThuis, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = ConsentEverything, SeesBsn = true,
        },
        new("Veilig Thuis hands a case to a jeugdhulpaanbieder with consent: Veilig Thuis' own findings stay behind")
        {
            From = VeiligThuis, To = Jeugdhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Consents = [For(Jeugdhulp, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = Care, SeesBsn = true,
        },
        new("Consent for all schools, refused later for this one school: the later, specific refusal decides")
        {
            From = WijkteamNoord, To = School, Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussInMdo,
            Consents =
            [
                ForType(OrganisationType.School, Purpose.DiscussInMdo, Parent) with { DaysAgo = 60 },
                For(School, Purpose.DiscussInMdo, Parent) with { Decision = ConsentDecision.Refused, DaysAgo = 5 },
            ],
            Delivered = false, Code = ReturnCode.ConsentRefused,
        },
        new("A meldcode override on a consent-based message to a school does not replace the missing consent")
        {
            From = WijkteamNoord, To = School, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Override = Melding,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "does not apply to consent-based sharing",
        },
        new("A subject known only by the sender's own reference is matched to consent recorded under that reference")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, WithBsn = false,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = true, Sees = ConsentEverything, SeesBsn = false,
        },
        new("A subject with neither BSN nor reference cannot be checked against the consent register: refused")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, WithBsn = false, WithReference = false,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "neither a BSN nor a sender reference",
        },

        // Toestemming: the young person's own say.
        new("The parents' consent given when the child was 11 no longer suffices now it is 12")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Age = 12,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, Parent) with { DaysAgo = 30 }],
            Delivered = false, Code = ReturnCode.ConsentExpired, ReasonMentions = "from 12 the young person consents too",
        },
        new("A young person of 12 and a parent consent together: delivered")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Age = 12,
            Consents = [For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, YoungPersonAndParent) with { DaysAgo = 5 }],
            Delivered = true, Sees = ConsentEverything, SeesBsn = true,
        },
        new("A young person of 13 refuses although a parent consented earlier: the young person's refusal blocks")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Age = 13,
            Consents =
            [
                For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, YoungPersonAndParent) with { DaysAgo = 60 },
                For(WijkteamNoord, Purpose.ShareWithNamedOrganisations, YoungPerson) with { Decision = ConsentDecision.Refused, DaysAgo = 3 },
            ],
            Delivered = false, Code = ReturnCode.ConsentRefused,
        },
        new("A young person of 16 consents alone: delivered")
        {
            From = WijkteamNoord, To = Jeugdhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Age = 16,
            Consents = [For(Jeugdhulp, Purpose.ShareWithNamedOrganisations, YoungPerson) with { DaysAgo = 5 }],
            Delivered = true, Sees = Care, SeesBsn = true,
        },
        new("Consent given at 14 by the young person and a parent stays valid at 16")
        {
            From = WijkteamNoord, To = Jeugdhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Age = 16,
            Consents = [For(Jeugdhulp, Purpose.ShareWithNamedOrganisations, YoungPersonAndParent) with { DaysAgo = 630 }],
            Delivered = true, Sees = Care, SeesBsn = true,
        },
        new("A young person of 16 refuses after consenting with a parent at 14: the refusal decides")
        {
            From = WijkteamNoord, To = Jeugdhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Age = 16,
            Consents =
            [
                For(Jeugdhulp, Purpose.ShareWithNamedOrganisations, YoungPersonAndParent) with { DaysAgo = 630 },
                For(Jeugdhulp, Purpose.ShareWithNamedOrganisations, YoungPerson) with { Decision = ConsentDecision.Refused, DaysAgo = 5 },
            ],
            Delivered = false, Code = ReturnCode.ConsentRefused,
        },

        // Meldrecht: a melding to Veilig Thuis.
        new("The wijkteam reports to Veilig Thuis without consent under the meldcode: delivered in full, flagged for review")
        {
            From = WijkteamNoord, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis, Override = Melding,
            Delivered = true, Sees = Everything, SeesBsn = true, Flagged = true, ReasonMentions = "step 5",
        },
        new("A school reports to Veilig Thuis in meldcode step 4: delivered and flagged")
        {
            From = School, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis,
            Override = Melding with { Step = MeldcodeStep.Wegen },
            Delivered = true, Sees = Everything, SeesBsn = true, Flagged = true,
        },
        new("The huisarts reports to Veilig Thuis although the parents refused consent: meldrecht needs no consent")
        {
            From = Huisarts, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis, Override = Melding,
            Consents = [For(VeiligThuis, Purpose.ShareWithNamedOrganisations, Parent) with { Decision = ConsentDecision.Refused }],
            Delivered = true, Sees = Everything, SeesBsn = true, Flagged = true,
        },
        new("The police report to Veilig Thuis under the meldcode: delivered and flagged")
        {
            From = Politie, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis, Override = Melding,
            Delivered = true, Sees = Everything, SeesBsn = true, Flagged = true,
        },
        new("A melding to Veilig Thuis without meldcode step or justification is refused")
        {
            From = WijkteamNoord, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "the meldcode step and a written justification",
        },
        new("A melding to Veilig Thuis with a blank justification is refused")
        {
            From = WijkteamNoord, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis,
            Override = Melding with { Justification = "   " },
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "written justification",
        },
        new("A melding to Veilig Thuis that does not say its meldcode step is refused")
        {
            From = WijkteamNoord, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis,
            Override = Melding with { Step = null },
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "meldcode step",
        },
        new("Meldrecht does not reach the wijkteam: purpose not allowed for the recipient type")
        {
            From = School, To = WijkteamNoord, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis, Override = Melding,
            Delivered = false, Code = ReturnCode.PurposeNotAllowedForRecipient,
        },
        new("Meldrecht does not cover discussing the case in an MDO")
        {
            From = WijkteamNoord, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.DiscussInMdo, Override = Melding,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "does not cover purpose DiscussInMdo",
        },
        new("A school consults Veilig Thuis anonymously in meldcode step 2: no consent needed, nothing identifying leaves")
        {
            From = School, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.DiscussAnonymously,
            Delivered = true, Sees = [Reason, Safety, Health], Anonymous = true,
        },

        // Wettelijke taak jeugdbescherming.
        new("The wijkteam informs the GI for a child-protection order with a justification: delivered in full, flagged")
        {
            From = WijkteamNoord, To = Gi, Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection, Override = OrderJustification,
            Delivered = true, Sees = Everything, SeesBsn = true, Flagged = true,
        },
        new("Sharing with the GI without a written justification is refused")
        {
            From = WijkteamNoord, To = Gi, Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "written justification",
        },
        new("The wijkteam informs the Raad for its investigation with a justification: delivered and flagged")
        {
            From = WijkteamNoord, To = Raad, Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection, Override = OrderJustification,
            Delivered = true, Sees = Everything, SeesBsn = true, Flagged = true,
        },
        new("The GI informs the wijkteam of a new order without consent or override: the wijkteam sees the order's justice data")
        {
            From = Gi, To = WijkteamNoord, Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection,
            Delivered = true, Sees = Everything, SeesBsn = true,
        },
        new("The GI's statutory task does not reach a school")
        {
            From = Gi, To = School, Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection,
            Delivered = false, Code = ReturnCode.PurposeNotAllowedForRecipient,
        },
        new("The wijkteam cannot borrow the GI's statutory task to share with a jeugdhulpaanbieder")
        {
            From = WijkteamNoord, To = Jeugdhulp, Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "Only a sender of type GecertificeerdeInstelling",
        },
        new("The statutory task does not cover sharing with named organisations")
        {
            From = WijkteamNoord, To = Gi, Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ShareWithNamedOrganisations, Override = OrderJustification,
            Delivered = false, Code = ReturnCode.NoLegalBasis,
        },

        // No basis.
        new("A message with personal data and no legal basis is refused")
        {
            From = School, To = WijkteamNoord, Basis = null, Purpose = Purpose.ShareWithNamedOrganisations,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "No legal basis was given",
        },
        new("A case file sent as coordination traffic without a basis is refused: coordination carries references alone")
        {
            From = WijkteamNoord, To = School, Basis = null, Purpose = Purpose.Coordination,
            Delivered = false, Code = ReturnCode.NoLegalBasis, ReasonMentions = "references alone",
        },

        // Shielded subjects.
        new("A shielded child discussed with the huisarts in an MDO: the address never leaves the hub")
        {
            From = WijkteamNoord, To = Huisarts, Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussInMdo, Shielded = true,
            Consents = [ForType(OrganisationType.Huisarts, Purpose.DiscussInMdo, Parent)],
            Delivered = true, Sees = [Identification, Reason, Safety, Health, Plan], SeesBsn = true, ReasonMentions = "address is withheld",
        },
        new("A shielded child reported to Veilig Thuis: even Veilig Thuis does not receive the address")
        {
            From = WijkteamNoord, To = VeiligThuis, Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis, Override = Melding, Shielded = true,
            Delivered = true, Sees = [.. Everything.Except([Address])], SeesBsn = true, Flagged = true,
        },
        new("A shielded family is never shared with a woningcorporatie, even with consent")
        {
            From = WijkteamNoord, To = Woningcorporatie, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Shielded = true,
            Consents = [For(Woningcorporatie, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = false, Code = ReturnCode.ShieldedSubject,
        },
        new("A shielded family is never shared with schuldhulp, even with consent")
        {
            From = WijkteamNoord, To = Schuldhulp, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, Shielded = true,
            Consents = [For(Schuldhulp, Purpose.ShareWithNamedOrganisations, Parent)],
            Delivered = false, Code = ReturnCode.ShieldedSubject,
        },
    ];

    public static TheoryData<CaseName> Cases => [.. All.Select(c => new CaseName(c.Name))];

    [Fact]
    public void The_suite_holds_at_least_forty_distinct_domain_cases() =>
        Assert.True(All.Length >= 40 && All.Select(c => c.Name).Distinct().Count() == All.Length, $"{All.Length} cases, names must be distinct.");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(CaseName @case)
    {
        var c = All.Single(x => x.Name == @case.Text);
        var register = new InMemoryConsentRegister();
        var subject = Child(c.Age, c.Shielded, c.WithBsn, c.WithReference);
        var message = FullCaseFile(c.From, [c.To], c.Purpose, c.Basis, subject) with
        {
            Override = c.Override,
            Leefgebieden = c.SafetyConcern ? [Leefgebied.Opvoeding, Leefgebied.Veiligheid] : [Leefgebied.Opvoeding],
        };
        var index = 0;
        foreach (var consent in c.Consents)
        {
            var recorded = register.Record(
                new ConsentRecord
                {
                    Id = $"C-{++index}",
                    RecordedBy = c.From.Code,
                    Subject = Pseudonyms.SubjectKeyFor(subject, c.From.Code)!,
                    SubjectBirthDate = subject.BirthDate!.Value,
                    Purpose = consent.Purpose,
                    Scope = consent.Scope,
                    GrantedBy = consent.By,
                    Decision = consent.Decision,
                    DecidedAt = Now.AddDays(-consent.DaysAgo),
                    Method = ConsentMethod.Written,
                    ValidUntil = consent.ValidForDays is { } days ? Now.AddDays(days - consent.DaysAgo) : null,
                },
                Now.AddDays(-consent.DaysAgo));
            Assert.True(recorded.Succeeded, string.Join("; ", recorded.Errors.Select(e => e.Message)));
            if (consent.WithdrawnDaysAgo is { } withdrawn)
            {
                Assert.True(register.Withdraw(recorded.Record!.Id, Now.AddDays(-withdrawn)).Succeeded);
            }
        }

        var decision = Policy.Decide(message, c.From, c.To, register, Now);

        Assert.Equal(c.Delivered, decision.Allowed);
        Assert.Equal(c.Code, decision.ReturnCode);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        Assert.DoesNotContain(Bsn, decision.Reason, StringComparison.Ordinal);
        if (c.ReasonMentions is not null)
        {
            Assert.Contains(c.ReasonMentions, decision.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(c.Flagged, decision.OverrideUsed);
        Assert.Equal(c.Flagged, decision.NeedsPrivacyReview);
        Assert.Equal(c.SafetyConcern && !c.Delivered, decision.MeldingAdvised);
        if (!c.Delivered)
        {
            Assert.Empty(decision.VisibleSections);
            return;
        }

        var copy = Projector.Project(message, decision, c.To);
        Assert.Equal(c.Sees.ToHashSet(), decision.VisibleSections.ToHashSet());
        Assert.Equal(c.Sees.ToHashSet(), SectionsPresent(copy));
        Assert.Equal(c.SeesBsn, copy.Subject!.Bsn is not null);
        Assert.Equal(!c.Anonymous, copy.Subject.Pseudonym is not null);
        Assert.Equal([c.To.Code], copy.Recipients);
    }
}
