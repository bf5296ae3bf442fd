namespace NetworkHub.Contracts.V1;

/// <summary>
/// A partner records that it is worried about, or involved with, a child or family. Like the
/// Verwijsindex it says *that* an organisation is involved, with category and urgency, not the story.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record Signaal : HubMessage
{
    [Section(SectionKind.Reason)]
    public required string Category { get; init; }
    [Section(SectionKind.Reason)]
    public required Urgency Urgency { get; init; }
    [Section(SectionKind.Reason)]
    public IReadOnlyList<Leefgebied> Leefgebieden { get; init; } = [];

    /// <summary>Whether the family was told that this signal is made.</summary>
    [Section(SectionKind.Reason)]
    public required bool FamilyInformed { get; init; }

    /// <summary>Whether the reporter wants terugkoppeling (status feedback).</summary>
    [NoPersonalData]
    public bool FeedbackWanted { get; init; } = true;

    /// <summary>Short reason for the signal (aanleiding); travels with every later message.</summary>
    [Section(SectionKind.Reason)]
    public string? Aanleiding { get; init; }

    /// <summary>
    /// The parents of the child, or the children of the parent, as far as the sender knows them, each with a BSN.
    /// The hub files them as family links under its own keys, so that this signal matches one about a family
    /// member made by another organisation. A recipient sees them only where it may see identification.
    /// </summary>
    [Section(SectionKind.Identification)]
    public IReadOnlyList<SubjectReference> FamilyMembers { get; init; } = [];

    /// <summary>When the signal expires; the hub defaults it to two years.</summary>
    [NoPersonalData]
    public DateTimeOffset? ExpiresAt { get; init; }
}
