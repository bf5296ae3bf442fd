using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using NetworkHub.Core.Hosting;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Cli;

/// <summary>The hub's database, for deployments that start the hub with NetworkHub:MigrateOnStart=false.</summary>
internal static class DatabaseCommands
{
    public static Command Create(CliContext cli)
    {
        var migrate = new Command("migrate", """
            Bring the database to this release's schema: apply pending migrations under a database-wide lock (adopting a
            database made before migrations). Exit 1 if the database is refused (made by a newer release, or not the hub's).
            """);
        migrate.SetAction((_, ct) => MigrateAsync(cli, ct));
        return new Command("db", "The hub's database (SQLite or PostgreSQL, as NetworkHub:Database says).") { migrate };
    }

    private static async Task<int> MigrateAsync(CliContext cli, CancellationToken ct)
    {
        if (cli.Options.Database == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(cli.Options.DataDirectory);
        }

        // EF Core reports each migration as it starts it; a long one should not look like a hang.
        await using var db = cli.OpenDatabase(builder =>
            builder.LogTo(line => cli.Line(line.Trim()), [RelationalEventId.MigrationApplying], LogLevel.Information, DbContextLoggerOptions.None));
        try
        {
            await SchemaMigrator.MigrateAsync(db, cli.Line, ct);
            return ExitCodes.Ok;
        }
        catch (DatabaseSchemaException refused)
        {
            cli.Error(refused.Message);
            return ExitCodes.MigrationRefused;
        }
    }
}
