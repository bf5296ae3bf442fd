using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>A pseudonym key the database's records were filed under: its id and fingerprint, never the key.</summary>
public sealed class PseudonymKeyRow
{
    public required string KeyId { get; set; }
    public required string Fingerprint { get; set; }
    public required DateTimeOffset FirstUsedAt { get; set; }
}

/// <summary>
/// Keeps the database and the configured keys together. Subject keys are keyed hashes: under another key every
/// lookup silently finds nothing (no consent, no earlier signal, no open safety concern), so a hub or tool whose
/// keys differ from those the records were filed under must not run at all.
/// </summary>
public sealed class PseudonymKeyRegister(HubDbContext db)
{
    /// <summary>Why these keys do not fit this database; null when they do.</summary>
    public async Task<string?> FindMismatchAsync(Pseudonymizer keys, CancellationToken ct)
    {
        var recorded = await db.PseudonymKeys.AsNoTracking().ToListAsync(ct);
        var configured = keys.Fingerprints;
        if (recorded.FirstOrDefault(r => configured.TryGetValue(r.KeyId, out var fingerprint) && fingerprint != r.Fingerprint) is { } changed)
        {
            return $"Pseudonym key '{changed.KeyId}' is not the key this database's records were filed under (fingerprint {changed.Fingerprint}); " +
                   $"configure the original key as NetworkHub:Pseudonyms:Keys:{changed.KeyId}, or give a new key a new id.";
        }

        if (recorded.Count > 0 && !recorded.Any(r => configured.ContainsKey(r.KeyId)))
        {
            return $"None of the configured pseudonym keys is one this database's records were filed under ({string.Join(", ", recorded.Select(r => r.KeyId))}); " +
                   "configure those keys under NetworkHub:Pseudonyms:Keys (add a new key beside them to rotate).";
        }

        return null;
    }

    /// <summary>Refuses keys that do not fit the database, and records the current key the first time it is used.</summary>
    public async Task RequireAndRecordAsync(Pseudonymizer keys, DateTimeOffset now, CancellationToken ct)
    {
        if (await FindMismatchAsync(keys, ct) is { } mismatch)
        {
            throw new InvalidOperationException(mismatch);
        }

        if (await db.PseudonymKeys.AnyAsync(k => k.KeyId == keys.CurrentKeyId, ct))
        {
            return;
        }

        db.PseudonymKeys.Add(new PseudonymKeyRow { KeyId = keys.CurrentKeyId, Fingerprint = keys.Fingerprints[keys.CurrentKeyId], FirstUsedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same moment recorded it first: its key must be this one.
            db.ChangeTracker.Clear();
            if (await FindMismatchAsync(keys, ct) is { } raced)
            {
                throw new InvalidOperationException(raced);
            }
        }
    }
}
