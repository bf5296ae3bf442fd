namespace NetworkHub.Contracts.V1;

/// <summary>
/// A message was refused, by the hub or by its recipient, with a typed reason. Sent to the original
/// sender; nothing is refused silently.
/// </summary>
[SentBy(AnyPartner = true, Hub = true)]
public sealed record ReturnMessage : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the refused message, when it could be read.</summary>
    [NoPersonalData]
    public Guid? ReturnedMessageId { get; init; }

    /// <summary>The contract name of the refused message, when known.</summary>
    [NoPersonalData]
    public string? ReturnedContract { get; init; }

    /// <summary>Organisation that refused: the hub ("hub") or the recipient.</summary>
    [NoPersonalData]
    public required string ReturnedBy { get; init; }

    [NoPersonalData]
    public required ReturnCode Code { get; init; }

    /// <summary>Human-readable explanation; never contains personal data.</summary>
    [NoPersonalData]
    public required string Reason { get; init; }
}
