namespace NetworkHub.Contracts.V1;

/// <summary>
/// The hub found that more than one organisation signalled the same child, or a child and its parent.
/// Each of them is told who else is involved, so that someone takes regie; no signal content is shared.
/// </summary>
[SentBy(Hub = true)]
public sealed record MatchNotification : HubMessage
{
    /// <summary>Stable id of the match; later regie and MDO messages can refer to it.</summary>
    [NoPersonalData]
    public required Guid MatchId { get; init; }

    /// <summary>
    /// Organisation codes of the other organisations involved. Codes only: what they signalled, and why,
    /// is theirs to share under its own legal basis.
    /// </summary>
    [NoPersonalData]
    public required IReadOnlyList<string> InvolvedOrganisations { get; init; }

    /// <summary>
    /// The subject of the other signal, projected for this recipient. It differs from
    /// <see cref="HubMessage.Subject"/> when a child's signal matched one about its parent.
    /// </summary>
    public required SubjectReference MatchedSubject { get; init; }

    /// <summary>Organisation that already holds regie for this family, if any; null means nobody does yet.</summary>
    [NoPersonalData]
    public string? RegisseurOrganisation { get; init; }
}
