using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Records a hand-off the hub sends, with the deadline by which its recipient must answer; when that passes
/// unanswered, the hand-off is overdue and its sender and the operators are alerted.
/// </summary>
public sealed class HandOffLedger(HubDbContext db, IDeadlineCalendar deadlines) : IDeadlineStep
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

    public bool Fires(DeadlineKind kind) => kind is DeadlineKind.Acknowledgement or DeadlineKind.DeletionConfirmation;

    public Task LockAsync(Deadline deadline, CancellationToken ct) => db.LockRowAsync<HandOff>(deadline.Reference, ct);

    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        var handOff = await db.HandOffs.FirstOrDefaultAsync(h => h.Id == deadline.Reference, ct);
        if (handOff is null || handOff.State is not (HandOffState.Accepted or HandOffState.Dispatched))
        {
            return;
        }

        handOff.State = HandOffState.Overdue;
        handOff.OverdueAt = now;
        HubMessages.AlertOverdue(outbox, deadline, "overdue", handOff.CorrelationId, handOff.Sender, handOff.MessageId, handOff.Recipient, deadline.DueAt, now);
    }
}
