using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Routing;

/// <summary>Messages the hub itself originates.</summary>
public static class HubMessages
{
    /// <summary>A return to the sender; its id derives from the returned message, so a re-sent return deduplicates.</summary>
    public static ReturnMessage Return(Guid returnedId, Guid correlationId, string? contract, string to, ReturnCode code, string reason, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(returnedId, "return"),
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
}
