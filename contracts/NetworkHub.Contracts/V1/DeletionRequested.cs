namespace NetworkHub.Contracts.V1;

/// <summary>
/// A parent, guardian or young person asks that data shared through the hub be deleted. Sent to every
/// organisation in scope; each answers with a <see cref="DeletionConfirmed"/>.
/// </summary>
[SentBy(Hub = true)]
public sealed record DeletionRequested : HubMessage
{
    [NoPersonalData]
    public required GrantorRole RequestedBy { get; init; }

    /// <summary>Data shared for this purpose, with these organisations, is to be deleted.</summary>
    public required ConsentScope Scope { get; init; }

    /// <summary>Not set by the hub: a consent id belongs to the organisation that recorded it and is never forwarded.</summary>
    [NoPersonalData]
    public string? ConsentId { get; init; }

    /// <summary>The statutory answer deadline.</summary>
    [NoPersonalData]
    public required DateOnly AnswerBefore { get; init; }
}
