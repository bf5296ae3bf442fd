using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>A subject key made under an earlier pseudonym key and the current key of the same person.</summary>
public sealed class SubjectKeyAlias
{
    public required string OldKey { get; set; }
    public required string CurrentKey { get; set; }
}

/// <summary>
/// A subject key is a keyed hash of a BSN or a sender's reference, which the hub does not keep, so only a message
/// naming the person tells the hub that an earlier key and the current key are the same child. While more than one
/// key is configured, every message notes that pairing, for <see cref="SubjectKeyRekey"/> to move the person's
/// records to the current key (see docs/adr/0005-pseudonym-keys-fail-closed-and-rekey-on-sight.md).
/// </summary>
public sealed class SubjectKeyAliases(HubDbContext db, Pseudonymizer pseudonymizer)
{
    public async Task NoteAsync(SubjectReference? subject, string sender, CancellationToken ct)
    {
        var keys = pseudonymizer.SubjectKeyCandidates(subject, sender);
        foreach (var old in keys.Skip(1))
        {
            // Messages about one person at once note the same pairing: the second does nothing instead of failing.
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO subject_key_aliases ("OldKey", "CurrentKey") VALUES ({old.Value}, {keys[0].Value}) ON CONFLICT DO NOTHING""", ct);
        }
    }
}

/// <summary>How far a rekey got: pairings handled of those there were when it started, and rows moved.</summary>
public sealed record RekeyProgress(int PairingsDone, int PairingsTotal, int RowsMoved);

/// <summary>
/// Moves the records of every person the hub has seen since a rotation from their earlier subject key to the current
/// one, a batch of pairings per transaction, so it can be stopped and run again at any point. The access log is not
/// rewritten (its rows are hash-chained); audits look it up under every key.
/// </summary>
public sealed class SubjectKeyRekey(HubDbContext db)
{
    public async Task<RekeyProgress> RunAsync(int batchSize, Action<RekeyProgress> progress, CancellationToken ct)
    {
        var total = await db.SubjectKeyAliases.CountAsync(ct);
        var state = new RekeyProgress(0, total, 0);
        while (true)
        {
            await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
            var batch = await db.SubjectKeyAliases.OrderBy(a => a.OldKey).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return state;
            }

            var moved = 0;
            foreach (var alias in batch)
            {
                moved += await MoveAsync(alias.OldKey, alias.CurrentKey, ct);
                db.SubjectKeyAliases.Remove(alias);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            state = state with { PairingsDone = state.PairingsDone + batch.Count, RowsMoved = state.RowsMoved + moved };
            progress(state);
        }
    }

    /// <summary>Rows still filed under another key than <paramref name="currentKeyId"/>'s, which lookups reach only while that key is configured.</summary>
    public async Task<int> RowsUnderEarlierKeysAsync(string currentKeyId, CancellationToken ct)
    {
        var prefix = currentKeyId + ":";
        return await db.Signals.CountAsync(x => !x.SubjectKey.StartsWith(prefix), ct)
            + await db.Regie.CountAsync(x => !x.SubjectKey.StartsWith(prefix), ct)
            + await db.Consents.CountAsync(x => !x.SubjectKey.StartsWith(prefix), ct)
            + await db.FamilyLinks.CountAsync(x => !x.SubjectKey.StartsWith(prefix), ct)
            + await db.Matches.CountAsync(x => !x.SubjectKey.StartsWith(prefix), ct)
            + await db.Mdos.CountAsync(x => !x.SubjectKey.StartsWith(prefix), ct)
            + await db.EscalationDecisions.CountAsync(x => !x.SubjectKey.StartsWith(prefix), ct)
            + await db.HandOvers.CountAsync(x => x.SubjectKey != null && !x.SubjectKey.StartsWith(prefix), ct);
    }

    private async Task<int> MoveAsync(string from, string to, CancellationToken ct)
    {
        var moved = await db.Signals.Where(x => x.SubjectKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct)
            + await db.Matches.Where(x => x.SubjectKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct)
            + await db.Matches.Where(x => x.RelatedKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.RelatedKey, to), ct)
            + await db.HandOvers.Where(x => x.SubjectKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct)
            + await db.Mdos.Where(x => x.SubjectKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct)
            + await db.EscalationDecisions.Where(x => x.SubjectKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct)
            + await db.Consents.Where(x => x.SubjectKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct)
            + await db.PrivacyReviews.Where(x => x.SubjectKey == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct);

        // One claim per person and scope: where the current key already holds one, the earlier claim stays (still found under every key).
        moved += await db.Regie.Where(x => x.SubjectKey == from && !db.Regie.Any(o => o.SubjectKey == to && o.Scope == x.Scope))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct);

        // Family links are keyed by both sides: move each one the current key lacks, drop the duplicates.
        moved += await db.FamilyLinks.Where(x => x.SubjectKey == from && !db.FamilyLinks.Any(o => o.SubjectKey == to && o.RelatedKey == x.RelatedKey))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SubjectKey, to), ct);
        await db.FamilyLinks.Where(x => x.SubjectKey == from).ExecuteDeleteAsync(ct);
        moved += await db.FamilyLinks.Where(x => x.RelatedKey == from && !db.FamilyLinks.Any(o => o.RelatedKey == to && o.SubjectKey == x.SubjectKey))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RelatedKey, to), ct);
        await db.FamilyLinks.Where(x => x.RelatedKey == from).ExecuteDeleteAsync(ct);
        return moved;
    }
}
