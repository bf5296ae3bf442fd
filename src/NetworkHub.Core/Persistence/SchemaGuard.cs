using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace NetworkHub.Core.Persistence;

/// <summary>The fingerprint of the schema a database was created with (one row).</summary>
public sealed class SchemaVersion
{
    public int Id { get; set; }
    public required string Fingerprint { get; set; }
}

/// <summary>
/// Creates the schema on an empty database, and refuses to start on a database created by a different model:
/// a clear error at start-up instead of failing queries later. Until migrations exist (ADR 0001), that is the
/// honest behaviour for an upgrade.
/// </summary>
public static class SchemaGuard
{
    public static async Task EnsureCurrentAsync(HubDbContext db, string location, CancellationToken ct)
    {
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(db.Database.GenerateCreateScript())));
        if (await db.Database.EnsureCreatedAsync(ct))
        {
            db.SchemaVersions.Add(new SchemaVersion { Id = 1, Fingerprint = fingerprint });
            await db.SaveChangesAsync(ct);
            return;
        }

        string? existing;
        try
        {
            existing = await db.SchemaVersions.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Fingerprint).FirstOrDefaultAsync(ct);
        }
        catch (DbException)
        {
            existing = null; // no schema_version table: an older or foreign database
        }

        if (existing != fingerprint)
        {
            throw new InvalidOperationException(
                $"The database at {location} was created by another version of NetworkHub (its schema differs). " +
                "For the embedded quick start, remove that data directory; a deployment upgrades its database with migrations.");
        }
    }
}
