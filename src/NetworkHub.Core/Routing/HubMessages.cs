using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;

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

    /// <summary>
    /// An answer <paramref name="waitingFor"/> is overdue: written to the organisation that waits for it (it must notice,
    /// iJw) and to the operators' feed, once per deadline.
    /// </summary>
    public static void AlertOverdue(OutboxBatch outbox, Deadline deadline, string tag, Guid correlationId, string waiting, Guid waitingFor,
        string from, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var alert = new AcknowledgementOverdue
        {
            MessageId = DeterministicGuid.Create(deadline.Id, tag),
            CorrelationId = correlationId,
            SenderOrganisation = HubTopology.HubOrganisation,
            Recipients = [waiting],
            Purpose = Purpose.Coordination,
            CreatedAt = now,
            OverdueMessageId = waitingFor,
            Recipient = from,
            DueAt = dueAt,
        };
        outbox.Add(alert, waiting, deadline.Id);
        outbox.Add(alert, OutboxDestinations.Events, deadline.Id);
    }

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
