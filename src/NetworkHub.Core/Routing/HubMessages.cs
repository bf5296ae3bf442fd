using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Routing;

/// <summary>Messages the hub itself originates.</summary>
public static class HubMessages
{
    /// <summary>
    /// A return to the sender. Its id derives from <paramref name="basis"/> (the returned message's id, or a
    /// fingerprint of unreadable input), so a return re-sent after a crash deduplicates at the partner.
    /// </summary>
    public static ReturnMessage Return(Guid basis, Guid? returnedId, Guid correlationId, string? contract, string to, ReturnCode code, string reason, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(basis, "return"),
        CorrelationId = correlationId,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [to],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        ReturnedMessageId = returnedId,
        ReturnedContract = contract,
        ReturnedBy = HubTopology.HubOrganisation,
        Code = code,
        Reason = reason,
    };

    /// <summary>The hub confirms it took on a message addressed to the hub itself.</summary>
    public static Acknowledgement Acknowledgement(HubMessage message, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(message.MessageId, "hub:ack"),
        CorrelationId = message.CorrelationId,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [message.SenderOrganisation],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        AcknowledgedMessageId = message.MessageId,
        AcknowledgedBy = HubTopology.HubOrganisation,
    };
}
