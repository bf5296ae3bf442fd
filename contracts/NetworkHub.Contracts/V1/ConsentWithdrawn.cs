namespace NetworkHub.Contracts.V1;

/// <summary>
/// Earlier consent is withdrawn, wholly or for part of its scope, by the organisation that recorded it (ids are
/// the recorder's own). The hub stops sharing on it and tells every organisation that received data on its basis.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record ConsentWithdrawn : HubMessage
{
    /// <summary>The <see cref="ConsentRecorded.ConsentId"/> withdrawn.</summary>
    [NoPersonalData]
    public required string ConsentId { get; init; }

    [NoPersonalData]
    public required GrantorRole WithdrawnBy { get; init; }

    /// <summary>What is withdrawn; the whole consent when it equals the recorded scope.</summary>
    public required ConsentScope Scope { get; init; }

    [NoPersonalData]
    public required DateOnly WithdrawnOn { get; init; }
}
