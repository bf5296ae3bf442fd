using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Specs.Privacy;

/// <summary>
/// A contract written only for these specs, with every kind of section (one of them nested), so the
/// specs show that minimisation works on any contract through its [Section] attributes.
/// </summary>
public sealed record CaseFileShared : HubMessage
{
    [Section(SectionKind.Reason)]
    public string? Aanleiding { get; init; }

    [Section(SectionKind.Safety)]
    public SafetyNote? Safety { get; init; }

    [Section(SectionKind.Safety)]
    public bool? ImmediateDanger { get; init; }

    [Section(SectionKind.Health)]
    public string? HealthSummary { get; init; }

    [Section(SectionKind.VeiligThuisDetails)]
    public string? VeiligThuisFindings { get; init; }

    [Section(SectionKind.Justice)]
    public string? JusticeNote { get; init; }

    [Section(SectionKind.Finances)]
    public decimal? Debt { get; init; }

    [Section(SectionKind.Plan)]
    public string? PlanSummary { get; init; }

    [Section(SectionKind.Reason)]
    public IReadOnlyList<Leefgebied> Leefgebieden { get; init; } = [];

    /// <summary>Other children of the family: nested subject references are minimised too.</summary>
    public IReadOnlyList<SubjectReference> Siblings { get; init; } = [];
}

public sealed record SafetyNote
{
    [Section(SectionKind.Safety)]
    public required string Instrument { get; init; }

    /// <summary>Health details inside the safety section: withheld from whoever may not see health.</summary>
    [Section(SectionKind.Health)]
    public string? InjuryDescription { get; init; }
}

/// <summary>The organisations, keys and clock the privacy specs share.</summary>
public static class PrivacyWorld
{
    public static readonly DateTimeOffset Now = new(2025, 6, 16, 10, 0, 0, TimeSpan.FromHours(2));

    public static readonly Organisation WijkteamNoord = new("WT-NOORD", "Sociaal Wijkteam Noord", OrganisationType.Wijkteam);
    public static readonly Organisation WijkteamZuid = new("WT-ZUID", "Sociaal Wijkteam Zuid", OrganisationType.Wijkteam);
    public static readonly Organisation VeiligThuis = new("VT-IJSSELLAND", "Veilig Thuis IJsselland", OrganisationType.VeiligThuis);
    public static readonly Organisation Gi = new("GI-JBOV", "Jeugdbescherming Overijssel", OrganisationType.GecertificeerdeInstelling);
    public static readonly Organisation Raad = new("RVDK-ZWOLLE", "Raad voor de Kinderbescherming Zwolle", OrganisationType.RaadVoorDeKinderbescherming);
    public static readonly Organisation School = new("SCHOOL-HORST", "Basisschool De Horst", OrganisationType.School);
    public static readonly Organisation Huisarts = new("HA-STADSHAGEN", "Huisartsenpraktijk Stadshagen", OrganisationType.Huisarts);
    public static readonly Organisation Schuldhulp = new("STADSBANK", "Stadsbank Oost-Nederland", OrganisationType.Schuldhulp);
    public static readonly Organisation Jgz = new("JGZ-GGD", "JGZ GGD IJsselland", OrganisationType.Jgz);
    public static readonly Organisation Politie = new("POLITIE-OOST", "Politie Oost-Nederland", OrganisationType.Politie);
    public static readonly Organisation Leerplicht = new("LEERPLICHT", "Leerplicht Zwolle", OrganisationType.Leerplicht);
    public static readonly Organisation Jeugdhulp = new("JH-ACCARE", "Jeugdhulp Accare", OrganisationType.Jeugdhulpaanbieder);
    public static readonly Organisation Procesmanager = new("PROCES-ZWOLLE", "Procesmanagement Zwolle", OrganisationType.Procesmanager);
    public static readonly Organisation Woningcorporatie = new("DELTAWONEN", "deltaWonen", OrganisationType.Woningcorporatie);

    public static IReadOnlyList<Organisation> All { get; } =
        [WijkteamNoord, WijkteamZuid, VeiligThuis, Gi, Raad, School, Huisarts, Schuldhulp, Jgz, Politie, Leerplicht, Jeugdhulp, Procesmanager, Woningcorporatie];

    public static IOrganisationDirectory OrganisationDirectory { get; } = new ListDirectory(All);

    public static PseudonymOptions KeysWithCurrent(string currentKeyId) => new()
    {
        CurrentKeyId = currentKeyId,
        Keys = new()
        {
            ["2024"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["2025"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        },
    };

    public static Pseudonymizer Pseudonyms { get; } = new(KeysWithCurrent("2025"));

    public static PrivacyPolicy Policy { get; } = new(PolicyTable.Default, Pseudonyms);

    public static RecipientProjector Projector { get; } = new(Pseudonyms);

    public const string Bsn = "123456782";
    public const string StreetAddress = "Voorbeeldstraat 1, 8000 AA Zwolle";

    public static DateOnly BirthDateForAge(int years) => DateOnly.FromDateTime(Now.DateTime).AddYears(-years).AddDays(-10);

    public static SubjectReference Child(int age = 8, bool shielded = false, bool withBsn = true, bool withReference = true) => new()
    {
        Role = SubjectRole.Child,
        Bsn = withBsn ? Bsn : null,
        SenderReference = withReference ? "dossier-4711" : null,
        FamilyReference = "family-17",
        BirthDate = BirthDateForAge(age),
        Address = StreetAddress,
        Shielded = shielded,
    };

    /// <summary>A message with every section filled in, so a projection shows exactly what was withheld.</summary>
    public static CaseFileShared FullCaseFile(Organisation sender, IEnumerable<Organisation> recipients, Purpose purpose, Grondslag? basis, SubjectReference subject) => new()
    {
        MessageId = Guid.Parse("6b1d5c1e-2f43-4a8e-9d0b-3a7c2e9f1a01"),
        CorrelationId = Guid.Parse("0d3f4e5a-6b7c-4d8e-9f0a-1b2c3d4e5f60"),
        SenderOrganisation = sender.Code,
        Recipients = [.. recipients.Select(r => r.Code)],
        Subject = subject,
        Purpose = purpose,
        LegalBasis = basis,
        CreatedAt = Now,
        Aanleiding = "Kind komt regelmatig zonder ontbijt en met blauwe plekken op school.",
        Safety = new SafetyNote { Instrument = "LIRIK", InjuryDescription = "Blauwe plekken op de bovenarm." },
        HealthSummary = "Onder behandeling bij de kinderarts.",
        VeiligThuisFindings = "Eerdere melding in 2023, afgeschaald naar het wijkteam.",
        JusticeNote = "Vader heeft een lopende strafzaak.",
        Debt = 12500m,
        PlanSummary = "Wekelijks huisbezoek, evaluatie over zes weken.",
        Leefgebieden = [Leefgebied.Opvoeding, Leefgebied.School],
        Siblings = [new SubjectReference { Role = SubjectRole.Child, Bsn = "111222333", BirthDate = BirthDateForAge(5), Address = StreetAddress, Shielded = subject.Shielded }],
    };

    /// <summary>What a projected case file contains, read property by property (not through the code under test).</summary>
    public static HashSet<SectionKind> SectionsPresent(CaseFileShared m)
    {
        var present = new HashSet<SectionKind>();
        if (m.Subject?.BirthDate is not null)
        {
            present.Add(SectionKind.Identification);
        }

        if (m.Subject?.Address is not null)
        {
            present.Add(SectionKind.Address);
        }

        if (m.Aanleiding is not null)
        {
            present.Add(SectionKind.Reason);
        }

        if (m.Safety is not null)
        {
            present.Add(SectionKind.Safety);
        }

        if (m.HealthSummary is not null)
        {
            present.Add(SectionKind.Health);
        }

        if (m.VeiligThuisFindings is not null)
        {
            present.Add(SectionKind.VeiligThuisDetails);
        }

        if (m.JusticeNote is not null)
        {
            present.Add(SectionKind.Justice);
        }

        if (m.Debt is not null)
        {
            present.Add(SectionKind.Finances);
        }

        if (m.PlanSummary is not null)
        {
            present.Add(SectionKind.Plan);
        }

        return present;
    }

    private sealed class ListDirectory(IEnumerable<Organisation> organisations) : IOrganisationDirectory
    {
        private readonly Dictionary<string, Organisation> _byCode = organisations.ToDictionary(o => o.Code, StringComparer.Ordinal);

        public Organisation? Find(string code) => _byCode.GetValueOrDefault(code);
    }
}
