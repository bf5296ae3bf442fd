namespace NetworkHub.Contracts.V1;

/// <summary>
/// A second organisation claimed regie for a scope that already has a regisseur. The hub does not
/// overwrite the first claim; it tells both parties, who must settle it.
/// </summary>
[SentBy(Hub = true)]
public sealed record RegieConflict : HubMessage
{
    public required RegieClaim ExistingClaim { get; init; }

    public required RegieClaim NewClaim { get; init; }
}

public sealed record RegieClaim
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the <see cref="RegieAssigned"/> that made the claim.</summary>
    [NoPersonalData]
    public required Guid ClaimMessageId { get; init; }

    [NoPersonalData]
    public required RegieScope Scope { get; init; }

    [NoPersonalData]
    public required string RegisseurOrganisation { get; init; }

    [NoPersonalData]
    public string? RegisseurDisplayName { get; init; }

    [NoPersonalData]
    public required DateTimeOffset ClaimedAt { get; init; }
}
