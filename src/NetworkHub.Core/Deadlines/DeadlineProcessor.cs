using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
public sealed class DeadlineProcessor(HubDbContext db, OutboxDispatcher dispatcher, WorkflowSet workflows, TimeProvider clock, ILogger<DeadlineProcessor> logger)
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
                var owner = workflows.OwnerOf(deadline.Kind);
                await owner.LockAsync(deadline, ct);
                var claimed = await db.Deadlines
                    .Where(d => d.Id == deadline.Id && d.FiredAt == null && d.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.FiredAt, now), ct);
                if (claimed == 1)
                {
                    await owner.FireAsync(deadline, now, outbox, ct);
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
}
