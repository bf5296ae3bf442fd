using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Records that sent outbox rows were dispatched (and their hand-offs with them). The mark only spares the sweeper
/// a resend, which recipients deduplicate on the stable message id, so it may lag the send.
/// Until a row is marked, the recorder holds it as claimed by this process: a copy of a message already handled,
/// or the sweeper, finds the row still unmarked and must not send it a second time. After a crash nothing is
/// claimed, so whatever the database shows unsent is sent again.
/// </summary>
public abstract class DispatchRecorder
{
    private readonly ConcurrentDictionary<long, byte> _claimed = new();

    /// <summary>The rows no one in this process is sending or has sent unmarked, now claimed by the caller.</summary>
    public IReadOnlyList<PendingDispatch> Claim(IReadOnlyList<PendingDispatch> pending) =>
        pending.Where(p => _claimed.TryAdd(p.OutboxId, 0)).ToArray();

    /// <summary>Gives rows up: once marked, or after a failed send so that a retry or the sweeper sends them.</summary>
    public void Release(IEnumerable<PendingDispatch> rows)
    {
        foreach (var row in rows)
        {
            _claimed.TryRemove(row.OutboxId, out _);
        }
    }

    /// <summary>Marks claimed rows sent, now or later, and releases them once marked.</summary>
    public abstract ValueTask RecordAsync(IReadOnlyList<PendingDispatch> sent, CancellationToken ct);
}

/// <summary>Marks right away, in the caller's unit of work: for tools and specs that read the marks directly after.</summary>
public sealed class ImmediateDispatchRecorder(HubDbContext db, TimeProvider clock) : DispatchRecorder
{
    public override async ValueTask RecordAsync(IReadOnlyList<PendingDispatch> sent, CancellationToken ct)
    {
        try
        {
            await DispatchMarks.ApplyAsync(db, sent, clock.GetUtcNow(), ct);
        }
        finally
        {
            Release(sent);
        }
    }
}

/// <summary>
/// Queues sent rows so that one background writer marks many in one transaction, instead of a write transaction
/// per message on the hub's path (on SQLite every write transaction waits for the single writer).
/// </summary>
public sealed class QueuedDispatchRecorder : DispatchRecorder
{
    private readonly Channel<PendingDispatch> _queue = Channel.CreateUnbounded<PendingDispatch>(new UnboundedChannelOptions { SingleReader = true });

    public override ValueTask RecordAsync(IReadOnlyList<PendingDispatch> sent, CancellationToken ct)
    {
        foreach (var dispatch in sent)
        {
            _queue.Writer.TryWrite(dispatch); // unbounded: never refuses
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Waits up to <paramref name="idle"/> for the first queued row, then takes what is queued, up to <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<PendingDispatch>> TakeAsync(int max, TimeSpan idle, CancellationToken ct)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        waiting.CancelAfter(idle);
        try
        {
            await _queue.Reader.WaitToReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return []; // nothing sent for a while
        }

        return Drain(max);
    }

    /// <summary>Takes what is queued now, without waiting.</summary>
    public IReadOnlyList<PendingDispatch> Drain(int max)
    {
        var batch = new List<PendingDispatch>();
        while (batch.Count < max && _queue.Reader.TryRead(out var dispatch))
        {
            batch.Add(dispatch);
        }

        return batch;
    }
}

public static class DispatchMarks
{
    /// <summary>Marks the rows sent (dropping their payload) and their hand-offs dispatched, in one transaction.</summary>
    public static async Task ApplyAsync(HubDbContext db, IReadOnlyCollection<PendingDispatch> sent, DateTimeOffset now, CancellationToken ct)
    {
        if (sent.Count == 0)
        {
            return;
        }

        var ids = sent.Select(p => p.OutboxId).ToArray();
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        await db.Outbox.Where(o => ids.Contains(o.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, now).SetProperty(o => o.Payload, (string?)null), ct);

        // An acknowledgement may have settled the hand-off already: only a hand-off still waiting becomes dispatched.
        var routed = sent.Where(p => !ContractCatalogue.IsSettlement(p.Message) && p.Destination != OutboxDestinations.Events)
            .Select(p => p.Message.MessageId).Distinct().ToArray();
        if (routed.Length > 0)
        {
            await db.HandOffs.Where(h => routed.Contains(h.MessageId) && h.State == HandOffState.Accepted)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.State, HandOffState.Dispatched).SetProperty(h => h.DispatchedAt, now), ct);
        }

        await tx.CommitAsync(ct);
    }
}
