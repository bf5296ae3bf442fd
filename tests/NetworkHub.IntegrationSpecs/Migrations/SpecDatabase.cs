using Microsoft.EntityFrameworkCore;
using Npgsql;
using NetworkHub.Core.Persistence;

namespace NetworkHub.IntegrationSpecs.Migrations;

/// <summary>
/// One spec's hub database on one provider: the settings that put a hub on it, the content the release before
/// migrations left (the committed fixture, see Fixtures/README.md), and a look inside.
/// </summary>
public abstract class SpecDatabase
{
    protected SpecDatabase(string dataDirectory) => DataDirectory = dataDirectory;

    /// <summary>The hub's data directory (the SQLite file, and nothing else on PostgreSQL).</summary>
    public string DataDirectory { get; }

    /// <summary>Hub (and CLI) arguments that put it on this database.</summary>
    public abstract IReadOnlyList<string> HubArguments { get; }

    public abstract HubDbContext NewContext();

    /// <summary>Makes this (empty) database what the release before migrations left: its schema and one row or more in every table.</summary>
    public abstract Task RestorePreMigrationReleaseAsync();

    /// <summary>SQL listing every table (column "Value").</summary>
    protected abstract string TablesSql { get; }

    /// <summary>SQL describing every column, index and constraint outside EF Core's own tables, one per row (column "Value").</summary>
    protected abstract string SchemaSql { get; }

    protected static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Migrations", "Fixtures", name);

    public async Task<IReadOnlyDictionary<string, long>> RowCountsAsync()
    {
        await using var db = NewContext();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await db.Database.SqlQueryRaw<string>(TablesSql).ToListAsync())
        {
#pragma warning disable EF1003 // the table names come from the database's own catalog
            counts[table] = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"").SingleAsync();
#pragma warning restore EF1003
        }

        return counts;
    }

    public async Task<IReadOnlyList<string>> SchemaAsync()
    {
        await using var db = NewContext();
        return [.. (await db.Database.SqlQueryRaw<string>(SchemaSql).ToListAsync()).Order(StringComparer.Ordinal)];
    }
}

public sealed class SqliteSpecDatabase() : SpecDatabase(Directory.CreateTempSubdirectory("networkhub-migrations-").FullName)
{
    private string File => Path.Combine(DataDirectory, "hub.db");

    public override IReadOnlyList<string> HubArguments => [$"--NetworkHub:DataDirectory={DataDirectory}"];

    public override HubDbContext NewContext() => new(new DbContextOptionsBuilder<HubDbContext>().UseHubSqlite($"Data Source={File}").Options);

    public override Task RestorePreMigrationReleaseAsync()
    {
        System.IO.File.Copy(Fixture("pre-migration-release.db"), File);
        return Task.CompletedTask;
    }

    protected override string TablesSql => "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'";

    protected override string SchemaSql =>
        "SELECT type || ' ' || name || ': ' || sql AS \"Value\" FROM sqlite_master " +
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%' AND tbl_name NOT LIKE '\\_\\_EF%' ESCAPE '\\'";
}

public sealed class PostgreSqlSpecDatabase(string connectionString) : SpecDatabase(Directory.CreateTempSubdirectory("networkhub-migrations-").FullName)
{
    public override IReadOnlyList<string> HubArguments =>
        ["--NetworkHub:Database=PostgreSql", $"--NetworkHub:ConnectionString={connectionString}", $"--NetworkHub:DataDirectory={DataDirectory}"];

    public override HubDbContext NewContext() => new(new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql(connectionString).Options);

    /// <summary>Runs the pg_dump script, without its psql meta-commands, on a connection of its own (it empties search_path).</summary>
    public override async Task RestorePreMigrationReleaseAsync()
    {
        var script = string.Join('\n', (await System.IO.File.ReadAllLinesAsync(Fixture("pre-migration-release.sql")))
            .Where(line => !line.StartsWith('\\')));
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(script, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override string TablesSql => "SELECT table_name::text AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'";

    protected override string SchemaSql => """
        SELECT concat_ws(' ', 'column', table_name, column_name, data_type, is_nullable, is_identity, column_default) AS "Value"
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
        UNION ALL
        SELECT concat_ws(' ', 'index', indexdef) FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%'
        UNION ALL
        SELECT concat_ws(' ', 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"\_\_EF%'
        """;
}
