using Microsoft.EntityFrameworkCore;

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
