namespace NetworkHub.Contracts.V1;

/// <summary>
/// The hub reminds the receiver of a warm hand-over that a step is due: accepting (or declining) the offer.
/// The <see cref="HubMessage.CorrelationId"/> is the hand-over id.
/// </summary>
[SentBy(Hub = true)]
public sealed record WarmeOverdrachtReminder : HubMessage
{
    [NoPersonalData]
    public required HandOverStage Stage { get; init; }

    /// <summary>When the step was due.</summary>
    [NoPersonalData]
    public required DateTimeOffset DueAt { get; init; }
}

/// <summary>The step of a warm hand-over a deadline is about.</summary>
public enum HandOverStage
{
    Acceptance = 1,
    FirstContact = 2,
}
