using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Core.Deadlines;

/// <summary>
/// Fires due deadlines. Each deadline is claimed by a conditional update in the same transaction that writes
/// its consequences, so it fires exactly once, across restarts and across hub instances. What a deadline is about is
/// locked before the claim, as routing locks it before cancelling its deadlines (see <see cref="RowLocks"/>): a
/// deadline and a message about one hand-over take turns, and neither acts on a state the other just changed. Due
/// deadlines fire in one transaction per batch; when that fails, each fires in its own, so one deadline that cannot
/// fire never holds back the others.
/// </summary>
public sealed class DeadlineProcessor(HubDbContext db, OutboxDispatcher dispatcher, HandOverWorkflow handOvers, SignalIndex signals, MdoWorkflow mdos, EscalationWorkflow escalations, TimeProvider clock, ILogger<DeadlineProcessor> logger)
{
    public async Task<int> FireDueAsync(int max, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Deadlines.AsNoTracking()
            .Where(d => d.FiredAt == null && d.CancelledAt == null && d.DueAt <= now)
            .OrderBy(d => d.DueAt)
            .ThenBy(d => d.Id) // one order of locking for every hub instance
            .Take(max)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        try
        {
            await FireAsync(due, now, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested && due.Count > 1)
        {
            db.ChangeTracker.Clear();
            foreach (var deadline in due)
            {
                try
                {
                    await FireAsync([deadline], now, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    db.ChangeTracker.Clear();
                    logger.LogError("Deadline {DeadlineId} ({Kind}) could not fire ({Failure}); it is tried again at the next scan",
                        deadline.Id, deadline.Kind, e.GetType().Name);
                }
            }
        }

        return due.Count;
    }

    private async Task FireAsync(IReadOnlyList<Deadline> due, DateTimeOffset now, CancellationToken ct)
    {
        var outbox = new OutboxBatch(db, now);
        await using (var tx = await db.Database.BeginWriteTransactionAsync(ct))
        {
            foreach (var deadline in due)
            {
                await LockWhatItIsAboutAsync(deadline, ct);
                var claimed = await db.Deadlines
                    .Where(d => d.Id == deadline.Id && d.FiredAt == null && d.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.FiredAt, now), ct);
                if (claimed == 1)
                {
                    await (deadline.Kind switch
                    {
                        DeadlineKind.Acknowledgement or DeadlineKind.DeletionConfirmation => FireAsync(deadline, now, outbox, ct),
                        DeadlineKind.RegieAssignment => signals.FireAsync(deadline, now, outbox, ct),
                        DeadlineKind.MdoRsvpReminder => mdos.FireAsync(deadline, now, outbox, ct),
                        DeadlineKind.EscalationAnswer => escalations.FireAsync(deadline, now, outbox, ct),
                        DeadlineKind.HandOverAcceptance or DeadlineKind.HandOverEscalation or DeadlineKind.FirstContact => handOvers.FireAsync(deadline, now, outbox, ct),
                        _ => throw new InvalidOperationException($"No workflow fires deadlines of kind {deadline.Kind}."),
                    });
                }
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        try
        {
            await dispatcher.DispatchAsync(outbox.Pending(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Sending what fired deadlines caused failed ({Failure}); the outbox sweeper sends it later", e.GetType().Name);
        }
    }

    private Task LockWhatItIsAboutAsync(Deadline deadline, CancellationToken ct) => deadline.Kind switch
    {
        DeadlineKind.Acknowledgement or DeadlineKind.DeletionConfirmation => db.LockRowAsync<HandOff>(deadline.Reference, ct),
        DeadlineKind.HandOverAcceptance or DeadlineKind.HandOverEscalation or DeadlineKind.FirstContact => db.LockRowAsync<HandOverRecord>(deadline.Reference, ct),
        DeadlineKind.MdoRsvpReminder => db.LockRowAsync<MdoRecord>(deadline.Reference, ct),
        DeadlineKind.EscalationAnswer => db.LockRowAsync<EscalationRecord>(deadline.Reference, ct),
        _ => Task.CompletedTask, // a regie deadline only reads: a claim at the same moment counts as just after it
    };

    private async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        var handOff = await db.HandOffs.FirstOrDefaultAsync(h => h.Id == deadline.Reference, ct);
        if (handOff is null || handOff.State is not (HandOffState.Accepted or HandOffState.Dispatched))
        {
            return;
        }

        handOff.State = HandOffState.Overdue;
        handOff.OverdueAt = now;
        var alert = new AcknowledgementOverdue
        {
            MessageId = DeterministicGuid.Create(deadline.Id, "overdue"),
            CorrelationId = handOff.CorrelationId,
            SenderOrganisation = HubTopology.HubOrganisation,
            Recipients = [handOff.Sender],
            Purpose = Purpose.Coordination,
            CreatedAt = now,
            OverdueMessageId = handOff.MessageId,
            Recipient = handOff.Recipient,
            DueAt = deadline.DueAt,
        };

        // The sender must notice a missing acknowledgement (iJw); operators see it on the live feed.
        outbox.Add(alert, handOff.Sender, deadline.Id);
        outbox.Add(alert, OutboxDestinations.Events, deadline.Id);
    }
}
