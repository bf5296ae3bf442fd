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

    /// <summary>Checks the whole chain in sequence order, streaming, and reports the first broken row.</summary>
    public async Task<AccessLogVerification> VerifyAsync(CancellationToken ct) =>
        AccessLogVerifier.Verify(await db.AccessLog.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));

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
