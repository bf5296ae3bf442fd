namespace NetworkHub.Contracts.V1;

/// <summary>
/// Several organisations are involved with a child (a match) and nobody took regie by the deadline: the hub
/// flags it to each of them and to the operators, so "iedereen verantwoordelijk, niemand verantwoordelijk"
/// becomes visible. The <see cref="HubMessage.CorrelationId"/> is the match id.
/// </summary>
[SentBy(Hub = true)]
public sealed record RegieMissing : HubMessage
{
    [NoPersonalData]
    public required Guid MatchId { get; init; }

    /// <summary>Organisation codes of everyone involved; codes only.</summary>
    [NoPersonalData]
    public required IReadOnlyList<string> InvolvedOrganisations { get; init; }

    [NoPersonalData]
    public required DateTimeOffset MatchedAt { get; init; }
}
