using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Routing;

/// <summary>What one sweep did; <see cref="Skipped"/> when another hub instance held the sweep's lease.</summary>
public sealed record SweepResult(int Sent, int Failed, int Parked, bool Skipped = false);

/// <summary>
/// The safety net behind dispatch-after-commit: sends outbox rows left unsent (the broker was down, a queue was
/// missing). Every sweep that tries a row counts an attempt, so rows that keep failing drift behind the others and
/// are parked, with an alert, after <c>parkAfter</c> attempts; one bad row never blocks the rest. One hub instance
/// sweeps at a time (<see cref="PassLease"/>).
/// </summary>
public sealed class OutboxSweep(HubDbContext db, OutboxDispatcher dispatcher, AlertDesk alerts, TimeProvider clock)
{
    public async Task<SweepResult> RunAsync(DateTimeOffset createdBefore, int max, int parkAfter, CancellationToken ct)
    {
        await using var lease = await PassLease.TryTakeAsync(db, "outbox-sweep", ct);
        if (lease is null)
        {
            return new SweepResult(0, 0, 0, Skipped: true);
        }

        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.DispatchedAt == null && o.CreatedAt < createdBefore && o.Attempts < parkAfter)
            .OrderBy(o => o.Attempts).ThenBy(o => o.Id)
            .Take(max)
            .Select(o => new { o.Id, o.Attempts })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return new SweepResult(0, 0, 0);
        }

        var ids = rows.Select(r => r.Id).ToArray();
        await using (var tx = await db.Database.BeginWriteTransactionAsync(ct))
        {
            await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, o => o.Attempts + 1), ct);
            await tx.CommitAsync(ct);
        }

        var pending = await dispatcher.LoadAsync(db.Outbox.Where(o => ids.Contains(o.Id) && o.DispatchedAt == null), ct);
        var failed = await dispatcher.TrySendLoadedAsync(pending, ct);
        var lastTry = rows.Where(r => r.Attempts + 1 >= parkAfter).Select(r => r.Id).ToHashSet();
        var parked = failed.Where(f => lastTry.Contains(f.OutboxId)).ToArray();
        foreach (var row in parked)
        {
            await alerts.RaiseAsync(AlertRecord.Raise(DeterministicGuid.Create(row.Message.MessageId, "parked:" + row.Destination), "OutboxParked",
                row.Message.CorrelationId, [row.Destination],
                $"Message {row.Message.MessageId} for {row.Destination} was not taken by the broker in {parkAfter} attempts; it is parked in the outbox.",
                clock.GetUtcNow()), ct);
        }

        return new SweepResult(pending.Count - failed.Count, failed.Count, parked.Length);
    }
}
