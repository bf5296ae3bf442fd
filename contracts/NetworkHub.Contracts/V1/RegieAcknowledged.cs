namespace NetworkHub.Contracts.V1;

/// <summary>A partner confirms it knows who holds regie; unacknowledged assignments stay visible.</summary>
[SentBy(AnyPartner = true)]
public sealed record RegieAcknowledged : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the <see cref="RegieAssigned"/> acknowledged.</summary>
    [NoPersonalData]
    public required Guid AssignmentMessageId { get; init; }
}
