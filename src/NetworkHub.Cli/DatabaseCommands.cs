using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Hosting;

namespace NetworkHub.Cli;

/// <summary>
/// The hub's database for operators: <c>networkhub db migrate</c> applies pending migrations (adopting a database made
/// before migrations), for deployments that start the hub with NetworkHub:MigrateOnStart=false.
/// </summary>
public static class DatabaseCommands
{
    public const int Refused = 1;

    public const string Usage = """
          networkhub db migrate                                      bring the database to this release's schema; exit 1 if refused
        """;

    public static async Task<int> MigrateAsync(HubOptions options, TextWriter output, CancellationToken ct)
    {
        if (options.Database == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        var builder = new DbContextOptionsBuilder<HubDbContext>();
        builder.UseHubDatabase(options);
        // EF Core reports each migration as it starts it; a long one should not look like a hang.
        builder.LogTo(line => output.WriteLine(line.Trim()), [RelationalEventId.MigrationApplying], LogLevel.Information, DbContextLoggerOptions.None);
        await using var db = new HubDbContext(builder.Options);
        try
        {
            await SchemaMigrator.MigrateAsync(db, output.WriteLine, ct);
            return AuditCommands.Ok;
        }
        catch (DatabaseSchemaException refused)
        {
            await output.WriteLineAsync(refused.Message);
            return Refused;
        }
    }
}
