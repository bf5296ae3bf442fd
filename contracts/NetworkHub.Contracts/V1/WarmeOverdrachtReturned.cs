namespace NetworkHub.Contracts.V1;

/// <summary>
/// The hand-over goes back to its sender, from the receiver or from the hub when the first-contact
/// deadline passed. A hand-over without contact must never fail silently.
/// </summary>
[SentBy(AnyPartner = true, Hub = true)]
public sealed record WarmeOverdrachtReturned : HubMessage
{
    [NoPersonalData]
    public required HandOverReturnReason Reason { get; init; }

    /// <summary>More context for the sender, in a few words; never personal data, never needed to understand <see cref="Reason"/>.</summary>
    [NoPersonalData]
    public string? Explanation { get; init; }
}

public enum HandOverReturnReason
{
    /// <summary>The first-contact deadline passed (raised by the hub).</summary>
    NoContactInTime = 1,

    /// <summary>The receiver tried but could not reach the family.</summary>
    FamilyNotReached = 2,

    /// <summary>The family refuses help while there are safety concerns: a reason to go back, not to close.</summary>
    FamilyRefusesHelp = 3,

    /// <summary>The bodemeisen are not met.</summary>
    BodemeisenNotMet = 4,

    Other = 99,
}
