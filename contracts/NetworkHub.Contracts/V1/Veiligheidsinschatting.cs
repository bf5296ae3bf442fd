namespace NetworkHub.Contracts.V1;

/// <summary>
/// A safety assessment (veiligheidsinschatting). Required for every hand-over or escalation concerning
/// children, whoever the origin: safety is never conditional on police or justice being involved.
/// </summary>
public sealed record Veiligheidsinschatting
{
    [Section(SectionKind.Safety)]
    public required SafetyInstrument Instrument { get; init; }

    /// <summary>
    /// Whom the assessment rests on. Must go beyond the parents: inspectors found assessments based on
    /// the parents' word alone.
    /// </summary>
    [Section(SectionKind.Safety)]
    public required IReadOnlyList<SafetySource> Sources { get; init; }

    [Section(SectionKind.Safety)]
    public required DateOnly AssessedOn { get; init; }

    [Section(SectionKind.Safety)]
    public required SafetyOutcome Outcome { get; init; }

    /// <summary>The reasoning behind the outcome, in short.</summary>
    [Section(SectionKind.Safety)]
    public string? Summary { get; init; }

    /// <summary>
    /// Per child in the family: spoken to, alone or not, or why not. An empty list on a case with
    /// children is a domain-rule violation.
    /// </summary>
    public required IReadOnlyList<ChildContact> Children { get; init; }
}

/// <summary>The instrument used, graded by how heavy the request is.</summary>
public enum SafetyInstrument
{
    /// <summary>TOP-3: the reasoning and decision model used across the chain, including the Raad and the GI.</summary>
    Top3 = 1,

    /// <summary>LIRIK: risk taxation of child abuse.</summary>
    Lirik = 2,

    /// <summary>Zelfredzaamheid-Matrix, with the Ouderschapssupplement.</summary>
    Zrm = 3,

    /// <summary>The few fixed questions used for light requests.</summary>
    FixedQuestions = 4,

    Other = 99,
}

/// <summary>Whom information for the assessment came from.</summary>
public enum SafetySource
{
    Parents = 1,
    Child = 2,
    School = 3,
    Huisarts = 4,
    Jgz = 5,
    VeiligThuis = 6,
    Politie = 7,

    /// <summary>Relatives or others in the family's own network.</summary>
    FamilyNetwork = 8,

    OtherProfessional = 9,
}

/// <summary>The conclusion, in the terms used across the chain (veilig, voorwaardelijk veilig, onveilig).</summary>
public enum SafetyOutcome
{
    Safe = 1,

    /// <summary>Safe provided the bodemeisen are met.</summary>
    ConditionallySafe = 2,

    Unsafe = 3,
}
