using NetworkHub.Contracts;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Routing;

/// <summary>Records a hand-off the hub sends, with the deadline by which its recipient must answer.</summary>
public sealed class HandOffLedger(HubDbContext db, IDeadlineCalendar deadlines)
{
    /// <param name="sender">Who is waiting for the answer (and is alerted when it is late).</param>
    /// <returns>When the answer is due.</returns>
    public DateTimeOffset Record(RoutingWork work, Guid messageId, string contract, string sender, string recipient, DeadlineKind kind)
    {
        var due = deadlines.DueAfter(work.Now, kind).ToUniversalTime();
        var handOffId = HandOffId(messageId, recipient);
        db.HandOffs.Add(new HandOff
        {
            Id = handOffId,
            MessageId = messageId,
            CorrelationId = work.Message.CorrelationId,
            Sender = sender,
            Recipient = recipient,
            Contract = contract,
            State = HandOffState.Accepted,
            CreatedAt = work.Now,
            AcknowledgementDueAt = due,
        });
        db.Deadlines.Add(Deadline.For(handOffId, kind, due, work.Now));
        return due;
    }

    /// <summary>The id of the hand-off of a message to one recipient.</summary>
    public static Guid HandOffId(Guid messageId, string recipient) => DeterministicGuid.Create(messageId, recipient);
}
