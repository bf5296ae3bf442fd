namespace NetworkHub.Contracts.V1;

/// <summary>
/// An organisation is no longer involved, or recorded its <see cref="Signaal"/> in error. The hub stops
/// matching on the signal and tells those it was matched with.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record SignaalWithdrawn : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the signal withdrawn.</summary>
    [NoPersonalData]
    public required Guid SignaalMessageId { get; init; }

    /// <summary>Why, in a few words; never contains personal data.</summary>
    [NoPersonalData]
    public required string Reason { get; init; }
}
