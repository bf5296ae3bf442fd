using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// The access log on the hub's database. A row is written, unsealed, in the transaction that makes the change it
/// records, so nothing happens without its row; a single sealer then chains rows in the order it finds them
/// (sequence number, previous hash, hash). Chaining in the routing transaction would make every routing
/// transaction wait for the one before it; sealing apart keeps the hot path parallel, and a row is sealed within
/// a fraction of a second (the sealer's interval).
/// </summary>
public sealed class AccessLogStore(HubDbContext db)
{
    /// <summary>Adds the rows, unsealed; call inside the transaction that makes the change they record.</summary>
    public Task AppendAsync(IEnumerable<AccessLogEntry> entries, CancellationToken ct)
    {
        db.AccessLog.AddRange(entries.Select(e => e with { Sequence = 0, PreviousHash = "", Hash = "" }));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Chains up to <paramref name="max"/> unsealed rows onto the sealed log. The head row's lock makes concurrent
    /// sealers (several hub instances) take turns, so the chain never forks.
    /// </summary>
    public async Task<int> SealAsync(int max, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        await db.AccessLogHead.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), ct);
        var head = await db.AccessLogHead.SingleAsync(h => h.Id == 1, ct);
        var unsealed = await db.AccessLog.Where(e => e.Sequence == 0).OrderBy(e => EF.Property<long>(e, "Id")).Take(max).ToListAsync(ct);
        if (unsealed.Count == 0)
        {
            return 0;
        }

        var previous = head.LastSequence == 0 ? null : await db.AccessLog.AsNoTracking().SingleAsync(e => e.Sequence == head.LastSequence, ct);
        foreach (var row in unsealed)
        {
            previous = AccessLogChain.Append(previous, row);
            db.Entry(row).CurrentValues.SetValues(previous);
        }

        head.LastSequence = previous!.Sequence;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return unsealed.Count;
    }

    /// <summary>Rows written but not yet chained.</summary>
    public Task<int> UnsealedAsync(CancellationToken ct) => db.AccessLog.CountAsync(e => e.Sequence == 0, ct);

    /// <summary>
    /// Checks the whole chain in sequence order and reports the first broken row. Reads page by page, each page
    /// anchored on the last hash of the one before, so memory stays flat on a log of millions of rows;
    /// <paramref name="progress"/> hears after each page how far it got.
    /// </summary>
    public async Task<AccessLogVerification> VerifyAsync(CancellationToken ct, int pageSize = 50_000, Action<AccessLogVerifyProgress>? progress = null)
    {
        string? anchor = null;
        long after = 0, rows = 0;
        var sealedRows = await db.AccessLogHead.Where(h => h.Id == 1).Select(h => h.LastSequence).SingleOrDefaultAsync(ct);
        while (true)
        {
            var page = await db.AccessLog.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(pageSize).ToListAsync(ct); // sealed rows only
            if (page.Count == 0)
            {
                return AccessLogVerification.Ok(rows);
            }

            if (rows > 0 && page[0].Sequence != after + 1)
            {
                return new(false, rows, page[0].Sequence, AccessLogProblem.SequenceGap);
            }

            var result = AccessLogVerifier.Verify(page, anchor);
            if (!result.Intact)
            {
                return result with { RowsChecked = rows + result.RowsChecked };
            }

            rows += page.Count;
            anchor = page[^1].Hash;
            after = page[^1].Sequence;
            progress?.Invoke(new AccessLogVerifyProgress(rows, Math.Max(rows, sealedRows))); // the sealer may have chained more since
        }
    }

    /// <summary>Who received data about a subject, when and why: the transfers and overrides for its keys.</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> ReceivedAboutAsync(IReadOnlyList<SubjectKey> subjectKeys, CancellationToken ct)
    {
        var keys = subjectKeys.Select(k => k.Value).ToArray();
        return await db.AccessLog.AsNoTracking()
            .Where(e => keys.Contains(e.SubjectKey) && (e.Event == AccessEventKind.Transfer || e.Event == AccessEventKind.Override))
            .OrderBy(e => e.At)
            .ToListAsync(ct);
    }
}

/// <summary>How far <see cref="AccessLogStore.VerifyAsync"/> got: rows checked of the rows sealed when it started (or since).</summary>
public sealed record AccessLogVerifyProgress(long RowsChecked, long RowsTotal);
