using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>Appends to the hash-chained access log inside the caller's transaction, and reads it back for audits.</summary>
public sealed class AccessLogStore(HubDbContext db)
{
    /// <summary>Chains and adds the rows; call inside the transaction that makes the change they record.</summary>
    public async Task AppendAsync(IEnumerable<AccessLogEntry> entries, CancellationToken ct)
    {
        var rows = entries.ToList();
        if (rows.Count == 0)
        {
            return;
        }

        // Taking the head row's lock first makes concurrent appenders wait here, before they read the tail.
        await db.AccessLogHead.Where(h => h.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence + rows.Count), ct);
        var previous = await db.AccessLog.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        foreach (var row in rows)
        {
            previous = AccessLogChain.Append(previous, row);
            db.AccessLog.Add(previous);
        }
    }

    /// <summary>
    /// Checks the whole chain in sequence order and reports the first broken row. Reads page by page, each page
    /// anchored on the last hash of the one before, so memory stays flat on a log of millions of rows.
    /// </summary>
    public async Task<AccessLogVerification> VerifyAsync(CancellationToken ct, int pageSize = 50_000)
    {
        string? anchor = null;
        long after = 0, rows = 0;
        while (true)
        {
            var page = await db.AccessLog.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(pageSize).ToListAsync(ct);
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
        }
    }

    /// <summary>Who received data about a subject, when and why: the transfers and overrides for its keys.</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> ReceivedAboutAsync(IReadOnlyList<SubjectKey> subjectKeys, CancellationToken ct)
    {
        var keys = subjectKeys.Select(k => k.Value).ToArray();
        return await db.AccessLog.AsNoTracking()
            .Where(e => keys.Contains(e.SubjectKey) && (e.Event == AccessEventKind.Transfer || e.Event == AccessEventKind.Override))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
    }
}
