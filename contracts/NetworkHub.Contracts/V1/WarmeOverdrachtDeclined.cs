namespace NetworkHub.Contracts.V1;

/// <summary>The receiver does not take on the offered hand-over; the case stays with the sender.</summary>
[SentBy(AnyPartner = true)]
public sealed record WarmeOverdrachtDeclined : HubMessage
{
    /// <summary>Why not, in a few words; never personal data. A decline without a reason leaves the sender nothing to act on.</summary>
    [NoPersonalData]
    public required string Reason { get; init; }
}
