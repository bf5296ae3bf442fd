namespace NetworkHub.Contracts.V1;

/// <summary>
/// A partner records consent (toestemming) in the hub's consent register; messages on the basis of
/// <see cref="Grondslag.Toestemming"/> refer to it by <see cref="ConsentId"/>.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record ConsentRecorded : HubMessage
{
    /// <summary>Register id; later messages carry it as <see cref="HubMessage.ConsentReference"/>.</summary>
    [NoPersonalData]
    public required string ConsentId { get; init; }

    /// <summary>Who decided: the parents for a child under 12, the young person and a parent from 12 to 15, the young person alone from 16.</summary>
    [NoPersonalData]
    public required IReadOnlyList<GrantorRole> GrantedBy { get; init; }

    public required ConsentScope Scope { get; init; }

    [NoPersonalData]
    public required DateOnly GivenOn { get; init; }

    /// <summary>Last day the consent is valid; after it messages relying on it are returned (NH010).</summary>
    [NoPersonalData]
    public DateOnly? ValidUntil { get; init; }
}
