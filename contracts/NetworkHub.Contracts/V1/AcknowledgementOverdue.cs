namespace NetworkHub.Contracts.V1;

/// <summary>
/// Raised by the hub when a recipient has not acknowledged a message by its deadline. As in the national
/// youth-care message standard, a missing answer must be noticed, not waited for.
/// </summary>
[SentBy(Hub = true)]
public sealed record AcknowledgementOverdue : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> still awaiting an acknowledgement.</summary>
    [NoPersonalData]
    public required Guid OverdueMessageId { get; init; }

    /// <summary>Organisation code that has not acknowledged.</summary>
    [NoPersonalData]
    public required string Recipient { get; init; }

    [NoPersonalData]
    public required DateTimeOffset DueAt { get; init; }
}
