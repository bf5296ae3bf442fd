namespace NetworkHub.Contracts.V1;

/// <summary>
/// A warm hand-over is stuck after a reminder: the hub tells the sender and the operators, so a person
/// follows it up instead of the case hanging. The <see cref="HubMessage.CorrelationId"/> is the hand-over id.
/// </summary>
[SentBy(Hub = true)]
public sealed record WarmeOverdrachtEscalated : HubMessage
{
    /// <summary>The organisation that has not taken its step.</summary>
    [NoPersonalData]
    public required string Receiver { get; init; }

    [NoPersonalData]
    public required HandOverStage Stage { get; init; }

    /// <summary>When the step was first due.</summary>
    [NoPersonalData]
    public required DateTimeOffset OverdueSince { get; init; }
}
