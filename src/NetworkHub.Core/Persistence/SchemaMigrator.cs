using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace NetworkHub.Core.Persistence;

/// <summary>What keeps a database from running with this build's schema.</summary>
public enum SchemaProblem
{
    /// <summary>Migrations are pending, and this start may not apply them (NetworkHub:MigrateOnStart is false).</summary>
    MigrationsPending = 1,

    /// <summary>The database has migrations this build does not know: a newer release upgraded it.</summary>
    NewerRelease = 2,

    /// <summary>Made before migrations, but its schema fingerprint is not the baseline's.</summary>
    UnknownPreMigrationSchema = 3,

    /// <summary>It has tables, but neither a migration history nor a schema fingerprint.</summary>
    NotAHubDatabase = 4,
}

public sealed class DatabaseSchemaException(SchemaProblem problem, string message) : Exception(message)
{
    public SchemaProblem Problem { get; } = problem;
}

/// <summary>
/// Brings a hub database to this build's schema with EF Core migrations (ADR 0004). A database made by the release
/// before migrations (its tables and a <c>schema_version</c> fingerprint, no history) is adopted: when its
/// fingerprint is the baseline's, the baseline is recorded as applied and the later migrations run on it. A database
/// that a newer release migrated is refused rather than run against.
/// </summary>
public static class SchemaMigrator
{
    private const string FingerprintTable = "schema_version";

    // Any table the baseline creates: present without a history or fingerprint, the database is not one of ours.
    private const string HubTable = "organisations";

    // PostgreSQL advisory lock key ("NHMIGR"). EF Core's own lock there is a table lock that ends with each
    // migration's transaction, so a second instance could slip in between two migrations of the first.
    private const long PostgreSqlLockKey = 0x4E48_4D49_4752;

    /// <summary>Adopts a pre-migration database if needed and applies pending migrations; returns those applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(HubDbContext db, Action<string> progress, CancellationToken ct)
    {
        await using var exclusive = await LockAsync(db, progress, ct);
        if (await AdoptPreMigrationDatabaseAsync(db, ct) is { } baseline)
        {
            progress($"{Describe(db)} was made before migrations; adopted it: {baseline} recorded as applied.");
        }

        var pending = await PendingMigrationsAsync(db, ct);
        if (pending.Count == 0)
        {
            progress($"{Describe(db)} is up to date ({db.Database.GetMigrations().Count()} migrations applied).");
            return [];
        }

        await WarnOfLeftoverSqliteLockAsync(db, progress, ct);
        progress($"Applying {pending.Count} migration(s) to {Describe(db)}: {string.Join(", ", pending)}.");
        await db.Database.MigrateAsync(ct);
        progress($"Applied {string.Join(", ", pending)}.");
        return pending;
    }

    /// <summary>For a start that may not migrate: refuses a database that is not at this build's schema.</summary>
    public static async Task RequireCurrentAsync(HubDbContext db, CancellationToken ct)
    {
        var pending = await PendingMigrationsAsync(db, ct);
        if (pending.Count > 0)
        {
            throw new DatabaseSchemaException(SchemaProblem.MigrationsPending,
                $"{Describe(db)} needs {pending.Count} migration(s) ({string.Join(", ", pending)}) and NetworkHub:MigrateOnStart is false. " +
                "Run `networkhub db migrate` with the hub's configuration, then start the hub.");
        }
    }

    /// <summary>This build's migrations not yet applied, in order; refuses migrations applied that it does not know.</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(HubDbContext db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToList();
        // Asked without a history table, Npgsql's answer is a failed query it logs as an error before returning none.
        var applied = await TableExistsAsync(db, HistoryRepository.DefaultTableName, ct)
            ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToList()
            : [];
        var unknown = applied.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseSchemaException(SchemaProblem.NewerRelease,
                $"{Describe(db)} has migrations this NetworkHub does not know ({string.Join(", ", unknown)}): a newer release upgraded it. " +
                "Run that release or a later one; this one cannot run on its schema, and a database is never downgraded.");
        }

        return known.Except(applied).ToList();
    }

    /// <summary>
    /// Records the baseline as applied on a database made before migrations, when its fingerprint is the baseline's;
    /// returns the baseline's id, or null when there was nothing to adopt. Checks and records in one write transaction,
    /// so two instances cannot both adopt.
    /// </summary>
    private static async Task<string?> AdoptPreMigrationDatabaseAsync(HubDbContext db, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        if (await TableExistsAsync(db, HistoryRepository.DefaultTableName, ct) && (await history.GetAppliedMigrationsAsync(ct)).Count > 0)
        {
            return null;
        }

        if (!await TableExistsAsync(db, FingerprintTable, ct))
        {
            return await TableExistsAsync(db, HubTable, ct)
                ? throw new DatabaseSchemaException(SchemaProblem.NotAHubDatabase,
                    $"{Describe(db)} has tables but neither a migration history nor a schema fingerprint, so it was not made by a " +
                    "NetworkHub release this one can upgrade. Point the hub at its own database, or at an empty one.")
                : null; // empty: the migrations create everything
        }

        var fingerprint = await db.Database
            .SqlQueryRaw<string>($"""SELECT "Fingerprint" AS "Value" FROM "{FingerprintTable}" WHERE "Id" = 1""")
            .SingleOrDefaultAsync(ct);
        var expected = db.Database.IsSqlite() ? PreMigrationRelease.SqliteFingerprint : PreMigrationRelease.PostgreSqlFingerprint;
        if (fingerprint != expected)
        {
            throw new DatabaseSchemaException(SchemaProblem.UnknownPreMigrationSchema,
                $"{Describe(db)} was made before migrations by a NetworkHub whose schema is not the baseline's (fingerprint " +
                $"{fingerprint ?? "missing"}), so it cannot be adopted. Start the release that made it and move its data, or, for the " +
                "embedded quick start, remove the data directory.");
        }

        var baseline = db.Database.GetMigrations().First();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), ct);
        await transaction.CommitAsync(ct);
        return baseline;
    }

    private static Task<bool> TableExistsAsync(HubDbContext db, string table, CancellationToken ct) =>
        (db.Database.IsSqlite()
            ? db.Database.SqlQuery<long>($"""SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = {table}""")
            : db.Database.SqlQuery<long>(
                $"""SELECT COUNT(*) AS "Value" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {table}"""))
        .AnyAsync(count => count > 0, ct);

    /// <summary>
    /// On PostgreSQL, holds a session advisory lock across adoption and every migration, so instances starting together
    /// take turns; the server releases it if the process dies. On SQLite the write transaction serialises adoption and
    /// EF Core's lock serialises migrating.
    /// </summary>
    private static async Task<IAsyncDisposable> LockAsync(HubDbContext db, Action<string> progress, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        await CreateMissingPostgreSqlDatabaseAsync(db, ct);
        await db.Database.OpenConnectionAsync(ct);
        if (!await db.Database.SqlQuery<bool>($"""SELECT pg_try_advisory_lock({PostgreSqlLockKey}) AS "Value" """).SingleAsync(ct))
        {
            progress($"Another instance is migrating {Describe(db)}; waiting for it.");
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgreSqlLockKey})", ct);
        }

        return new PostgreSqlLock(db);
    }

    /// <summary>The hub has always created its PostgreSQL database when it was missing; another instance may just have.</summary>
    private static async Task CreateMissingPostgreSqlDatabaseAsync(HubDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    /// <summary>
    /// EF Core's SQLite lock is a row that a migrating process deletes when done; a process killed mid-migration leaves
    /// it, and every later start waits for it. Say so, rather than wait in silence.
    /// </summary>
    private static async Task WarnOfLeftoverSqliteLockAsync(HubDbContext db, Action<string> progress, CancellationToken ct)
    {
        const string lockTable = "__EFMigrationsLock";
        if (db.Database.IsSqlite() && await TableExistsAsync(db, lockTable, ct)
            && await db.Database.SqlQueryRaw<long>($"""SELECT COUNT(*) AS "Value" FROM "{lockTable}" """).SingleAsync(ct) > 0)
        {
            progress($"{Describe(db)} is locked for migration (table {lockTable}); waiting. If no other process is migrating it, " +
                     $"one was stopped midway: delete the row from {lockTable}.");
        }
    }

    private static string Describe(HubDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return db.Database.IsSqlite()
            ? $"SQLite database {Path.GetFullPath(connection.DataSource)}"
            : $"PostgreSQL database \"{connection.Database}\" on {connection.DataSource}";
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class PostgreSqlLock(HubDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgreSqlLockKey})");
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}

/// <summary>
/// What the release before migrations wrote to <c>schema_version</c>: the SHA-256 of EF Core's create script for its
/// model (SchemaGuard, up to commit bdd6a86). A pre-migration database with this fingerprint has exactly the
/// baseline migration's schema.
/// </summary>
internal static class PreMigrationRelease
{
    public const string SqliteFingerprint = "28AA56D083855BA0D8C8C0995EA909523F5443DB375D6AAFF76097867B4648DA";
    public const string PostgreSqlFingerprint = "0BD3A9F78B76DFDBEFC5C4E504B78FD5BF86F87782B0B8CE84635CDD948B6327";
}
