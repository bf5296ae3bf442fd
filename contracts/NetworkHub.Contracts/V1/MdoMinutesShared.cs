using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>
/// The agreements of an MDO, shared with the attendees and with parents who were absent. One family,
/// one plan, one regisseur, and a date on which the plan is evaluated, so the case does not hang.
/// </summary>
[SentBy(Wijkteam, GecertificeerdeInstelling, Procesmanager)]
public sealed record MdoMinutesShared : HubMessage
{
    [NoPersonalData]
    public required Guid MdoId { get; init; }

    [NoPersonalData]
    public required DateTimeOffset HeldAt { get; init; }

    /// <summary>Organisation codes that attended.</summary>
    [NoPersonalData]
    public IReadOnlyList<string> Attendees { get; init; } = [];

    [Section(SectionKind.Plan)]
    public IReadOnlyList<string> Agreements { get; init; } = [];

    [Section(SectionKind.Plan)]
    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary>Each action has one owning organisation and a due date; "everyone" owns nothing.</summary>
    [Section(SectionKind.Plan)]
    public IReadOnlyList<MdoAction> Actions { get; init; } = [];

    /// <summary>Organisation code of the regisseur agreed in the meeting.</summary>
    [NoPersonalData]
    public required string RegisseurOrganisation { get; init; }

    [NoPersonalData]
    public required DateOnly NextEvaluationOn { get; init; }
}

public sealed record MdoAction
{
    [NoPersonalData]
    public required string OwnerOrganisation { get; init; }

    [Section(SectionKind.Plan)]
    public required string Description { get; init; }

    [NoPersonalData]
    public required DateOnly DueOn { get; init; }
}
