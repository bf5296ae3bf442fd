namespace NetworkHub.Contracts.V1;

/// <summary>
/// A recipient confirms it received and accepted a hand-off. The hub clears the deadline and forwards
/// this acknowledgement to the original sender.
/// </summary>
[SentBy(AnyPartner = true, Hub = true)]
public sealed record Acknowledgement : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the message acknowledged.</summary>
    [NoPersonalData]
    public required Guid AcknowledgedMessageId { get; init; }

    /// <summary>The organisation that acknowledged (the recipient of the original message).</summary>
    [NoPersonalData]
    public required string AcknowledgedBy { get; init; }
}
