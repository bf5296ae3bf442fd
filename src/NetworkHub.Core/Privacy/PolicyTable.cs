using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using static NetworkHub.Contracts.V1.SectionKind;
using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Core.Privacy;

/// <summary>What a sender must add before sharing without consent.</summary>
public enum OverrideRequirement
{
    None = 1,

    /// <summary>A written justification (sharing with a GI or the Raad for child protection).</summary>
    Justification = 2,

    /// <summary>The meldcode step and a written justification (a melding to Veilig Thuis).</summary>
    MeldcodeStepAndJustification = 3,
}

/// <summary>
/// The most an organisation type may ever see, whatever the basis: the need-to-know of its role.
/// A rule can narrow it further, never widen it.
/// </summary>
public sealed record RecipientProfile(
    OrganisationType Type,
    IReadOnlySet<SectionKind> MaySee,
    bool BsnEntitled,
    bool MayReceiveShieldedSubjects,
    string Source,
    string Why);

/// <summary>
/// One row of the policy: on this basis, for this purpose, these recipient types may receive these
/// sections, under these conditions. The table has at most one rule for any (basis, purpose, recipient
/// type, sender type).
/// </summary>
public sealed record PolicyRule
{
    public required string Id { get; init; }

    /// <summary>Null: no basis needed (coordination traffic without personal data); matches any or none.</summary>
    public required Grondslag? Basis { get; init; }

    public required Purpose Purpose { get; init; }
    public required IReadOnlySet<OrganisationType> Recipients { get; init; }

    /// <summary>Null: any sender. Set where the basis belongs to the sender's own statutory task.</summary>
    public IReadOnlySet<OrganisationType>? Senders { get; init; }

    /// <summary>Null: any contract. Set where the rule suits only contracts of one shape (coordination: references alone).</summary>
    public IReadOnlySet<Type>? Contracts { get; init; }

    /// <summary>What this purpose needs at most; intersected with the recipient's profile.</summary>
    public required IReadOnlySet<SectionKind> Sections { get; init; }

    /// <summary>The BSN may go to recipients whose profile is entitled to it.</summary>
    public required bool BsnAllowed { get; init; }

    public required bool ConsentRequired { get; init; }
    public OverrideRequirement Override { get; init; } = OverrideRequirement.None;

    /// <summary>The recipient must not be able to tell who it is about: no identification, no pseudonym, no references.</summary>
    public bool Anonymous { get; init; }

    /// <summary>Law article or guideline this rule rests on.</summary>
    public required string Source { get; init; }

    /// <summary>Plain-language reason, as an operator or privacy officer reads it in a decision.</summary>
    public required string Reason { get; init; }
}

/// <summary>The policy as data. Documented in docs/privacy.md, which a spec regenerates from this table.</summary>
public sealed record PolicyTable(IReadOnlyList<PolicyRule> Rules, IReadOnlyDictionary<OrganisationType, RecipientProfile> Profiles)
{
    private static readonly HashSet<SectionKind> Everything = [.. Enum.GetValues<SectionKind>()];

    // Criminal-justice data needs a basis in law (AVG art. 10); consent alone does not carry it.
    private static readonly HashSet<SectionKind> ConsentSections = [.. Everything.Except([Justice])];

    private static readonly HashSet<SectionKind> AnonymousSections = [Reason, Safety, Health, Finances, Plan];

    private static HashSet<OrganisationType> Types(params OrganisationType[] types) => [.. types];

    private static HashSet<SectionKind> Sections(params SectionKind[] kinds) => [.. kinds];

    public static IReadOnlyDictionary<OrganisationType, RecipientProfile> DefaultProfiles { get; } = new[]
    {
        new RecipientProfile(Wijkteam, Everything, BsnEntitled: true, MayReceiveShieldedSubjects: true,
            "Jeugdwet art. 7.4.0 (gegevensverwerking door het college, met BSN)",
            "Access point and usual regisseur: needs the whole picture, including Veilig Thuis hand-overs and a GI's order."),
        new RecipientProfile(VeiligThuis, Everything, true, true,
            "Wmo 2015 art. 5.2.6 (gegevensverwerking Veilig Thuis, met BSN)",
            "Assesses reports of domestic violence and child abuse: needs everything the reporter knows."),
        new RecipientProfile(GecertificeerdeInstelling, Everything, true, true,
            "Jeugdwet art. 7.3.11",
            "Carries out a child-protection order and needs what the order requires."),
        new RecipientProfile(RaadVoorDeKinderbescherming, Everything, true, true,
            "BW 1:238 en 1:240",
            "Investigates whether an order is needed; a thin dossier is returned."),
        new RecipientProfile(Jeugdhulpaanbieder, Sections(Identification, Address, Reason, Safety, Health, Plan), true, true,
            "Jeugdwet hoofdstuk 7.3 (dossier en BSN bij de jeugdhulpaanbieder)",
            "Provides care: needs the reason, safety and health, not finances or Veilig Thuis' file."),
        new RecipientProfile(Huisarts, Sections(Identification, Address, Reason, Safety, Health, Plan), true, true,
            "Wabvpz (BSN in de zorg); WGBO",
            "Gets what concerns care."),
        new RecipientProfile(Jgz, Sections(Identification, Address, Reason, Safety, Health, Plan), true, true,
            "Wabvpz; Wet publieke gezondheid",
            "Youth health care: gets what concerns care."),
        new RecipientProfile(School, Sections(Identification, Reason, Plan), false, true,
            "AVG art. 5(1)(c) dataminimalisatie; hub policy",
            "Is asked only about the child at school: never health, safety details or Veilig Thuis' file."),
        new RecipientProfile(Schuldhulp, Sections(Identification, Address, Reason, Finances, Plan), false, false,
            "AVG art. 5(1)(c); Wet BRP art. 2.59 (afscherming)",
            "Debt help needs the finances only; its letters reach creditors, so a shielded subject never goes there."),
        new RecipientProfile(Politie, Sections(Identification, Address, Reason, Safety, Justice), true, true,
            "Wet politiegegevens",
            "No consent-based route: the police report to Veilig Thuis themselves."),
        new RecipientProfile(Leerplicht, Sections(Identification, Address, Reason, Plan), false, true,
            "Leerplichtwet 1969; AVG art. 5(1)(c)",
            "Enforces school attendance: joins an MDO, is no recipient of shared files."),
        new RecipientProfile(Procesmanager, Sections(Identification, Reason, Safety, Plan), false, true,
            "AVG art. 5(1)(c); hub policy",
            "Resolves escalations: needs the reason, safety and the plan."),
        new RecipientProfile(Woningcorporatie, Sections(Identification, Address, Reason, Finances, Plan), false, false,
            "AVG art. 5(1)(c); Wet BRP art. 2.59 (afscherming)",
            "Housing: needs address, arrears and the plan; it ties a person to a dwelling, so a shielded subject never goes there."),
        new RecipientProfile(Other, Sections(), false, false,
            "AVG art. 5(1)(c)",
            "An organisation whose role the registry does not name: no personal content until its type is registered."),
    }.ToDictionary(p => p.Type);

    public static IReadOnlyList<PolicyRule> DefaultRules { get; } =
    [
        new()
        {
            Id = "C-COORD", Basis = null, Purpose = Purpose.Coordination, Recipients = Types(Enum.GetValues<OrganisationType>()),
            Contracts = ContractClassification.CarryingReferencesAlone(ContractCatalogue.All),
            Sections = Sections(), BsnAllowed = false, ConsentRequired = false,
            Source = "AVG art. 5(1)(c) dataminimalisatie",
            Reason = "Coordination traffic (acknowledgements, answers, status) carries only references, never content about the family; a contract with a data section needs a basis of its own.",
        },
        new()
        {
            Id = "T-GATHER", Basis = Grondslag.Toestemming, Purpose = Purpose.GatherInformation,
            Recipients = Types(Wijkteam, Jeugdhulpaanbieder, Huisarts, Jgz, School, Schuldhulp),
            Sections = ConsentSections, BsnAllowed = true, ConsentRequired = true,
            Source = "AVG art. 6(1)(a) en 7 (toestemming per doel)",
            Reason = "The family consented to gathering information with this recipient.",
        },
        new()
        {
            Id = "T-SHARE", Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations,
            Recipients = Types(Wijkteam, Jeugdhulpaanbieder, Huisarts, Jgz, School, Schuldhulp, Woningcorporatie, Procesmanager),
            Sections = ConsentSections, BsnAllowed = true, ConsentRequired = true,
            Source = "AVG art. 6(1)(a) en 7 (toestemming per doel)",
            Reason = "The family consented to sharing with this named organisation.",
        },
        new()
        {
            Id = "T-MDO", Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussInMdo,
            Recipients = Types(Wijkteam, Jeugdhulpaanbieder, Huisarts, Jgz, School, Schuldhulp, Woningcorporatie, Procesmanager, Leerplicht, VeiligThuis, GecertificeerdeInstelling),
            Sections = ConsentSections, BsnAllowed = true, ConsentRequired = true,
            Source = "AVG art. 6(1)(a) en 7; the inspections name the MDO as the venue for sharing",
            Reason = "The family consented to discussing the case in an MDO with this participant.",
        },
        new()
        {
            Id = "T-ANON", Basis = Grondslag.Toestemming, Purpose = Purpose.DiscussAnonymously,
            Recipients = Types(Enum.GetValues<OrganisationType>()),
            Sections = AnonymousSections, BsnAllowed = false, ConsentRequired = true, Anonymous = true,
            Source = "AVG art. 6(1)(a); art. 5(1)(c)",
            Reason = "The family consented to discussing the case without names; the recipient cannot tell who it is about.",
        },
        new()
        {
            Id = "M-MELDING", Basis = Grondslag.Meldrecht, Purpose = Purpose.ReportToVeiligThuis, Recipients = Types(VeiligThuis),
            Sections = Everything, BsnAllowed = true, ConsentRequired = false, Override = OverrideRequirement.MeldcodeStepAndJustification,
            Source = "Wmo 2015 art. 5.2.6 (meldrecht); Wet verplichte meldcode huiselijk geweld en kindermishandeling",
            Reason = "A professional may report suspected domestic violence or child abuse to Veilig Thuis without consent, following the meldcode.",
        },
        new()
        {
            Id = "M-ADVIES", Basis = Grondslag.Meldrecht, Purpose = Purpose.DiscussAnonymously, Recipients = Types(VeiligThuis),
            Sections = Sections(Reason, Safety, Health), BsnAllowed = false, ConsentRequired = false, Anonymous = true,
            Source = "Meldcode stap 2: Veilig Thuis raadplegen (anoniem)",
            Reason = "Consulting Veilig Thuis for advice without naming the family needs no consent.",
        },
        new()
        {
            Id = "W-GI", Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection, Recipients = Types(GecertificeerdeInstelling),
            Sections = Everything, BsnAllowed = true, ConsentRequired = false, Override = OverrideRequirement.Justification,
            Source = "Jeugdwet art. 7.3.11",
            Reason = "A GI may receive what it needs to carry out a child-protection order without consent.",
        },
        new()
        {
            Id = "W-RAAD", Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection, Recipients = Types(RaadVoorDeKinderbescherming),
            Sections = Everything, BsnAllowed = true, ConsentRequired = false, Override = OverrideRequirement.Justification,
            Source = "BW 1:240 (inlichtingen aan de Raad zonder toestemming)",
            Reason = "Professionals may inform the Raad voor de Kinderbescherming without consent when its investigation needs it.",
        },
        new()
        {
            Id = "W-GI-BETROKKENEN", Basis = Grondslag.WettelijkeTaakJeugdbescherming, Purpose = Purpose.ChildProtection,
            Recipients = Types(Wijkteam, Jeugdhulpaanbieder, Huisarts, Jgz), Senders = Types(GecertificeerdeInstelling),
            Sections = Everything, BsnAllowed = true, ConsentRequired = false,
            Source = "Jeugdwet art. 7.3.11 (de GI verstrekt aan direct betrokkenen)",
            Reason = "A GI informs those directly involved in the child's care of what they need for the order.",
        },
    ];

    public static PolicyTable Default { get; } = new(DefaultRules, DefaultProfiles);
}
