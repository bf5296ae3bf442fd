namespace NetworkHub.Contracts.V1;

/// <summary>
/// The receiver takes on the offered hand-over (same <see cref="HubMessage.CorrelationId"/>). The
/// first-contact deadline now runs.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record WarmeOverdrachtAccepted : HubMessage
{
    /// <summary>Name or function of the professional who will contact the family, so the sender can reach them.</summary>
    [NoPersonalData]
    public string? ContactPerson { get; init; }
}
