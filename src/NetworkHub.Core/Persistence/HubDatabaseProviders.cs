using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Hosting;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// Puts the hub's context on each database it supports. Every provider has its own migrations, in an assembly of
/// its own (the SQLite model stores times as ticks, so the schemas differ); whatever opens the hub's database comes
/// through here, so migrations are always looked for in the right one.
/// </summary>
public static class HubDatabaseProviders
{
    public const string SqliteMigrationsAssembly = "NetworkHub.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "NetworkHub.Migrations.PostgreSql";

    /// <summary>The hub's database as configured; the hub and the operator CLI open the same store through it.</summary>
    public static TBuilder UseHubDatabase<TBuilder>(this TBuilder db, HubOptions options)
        where TBuilder : DbContextOptionsBuilder =>
        options.Database == DatabaseProvider.PostgreSql
            ? db.UseHubPostgreSql(options.ConnectionString ?? throw new InvalidOperationException(
                $"{HubOptions.SectionName}:ConnectionString is required when {HubOptions.SectionName}:Database is PostgreSql."))
            : db.UseHubSqlite(options.ConnectionString ?? $"Data Source={Path.Combine(options.DataDirectory, "hub.db")};Default Timeout=30");

    public static TBuilder UseHubSqlite<TBuilder>(this TBuilder db, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        db.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(new SqlitePragmas());
        return db;
    }

    public static TBuilder UseHubPostgreSql<TBuilder>(this TBuilder db, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        db.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
        return db;
    }
}
