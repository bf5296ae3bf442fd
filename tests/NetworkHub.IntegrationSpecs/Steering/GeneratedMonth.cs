using Microsoft.EntityFrameworkCore;
using NetworkHub.Cli;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Testing.Steering;

namespace NetworkHub.IntegrationSpecs.Steering;

/// <summary>
/// October 2026 of two municipalities' traffic (and a few days either side), generated with a fixed seed and written into
/// a database of its own in the hub's shape, as the operator tool then finds it. October, because the clocks go back on
/// the 25th and the month starts and ends at Dutch midnight, not UTC's.
/// </summary>
public sealed class GeneratedMonth
{
    public const string Month = "2026-10";
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly IReadOnlyList<string> _settings;

    private GeneratedMonth(RegionTraffic traffic, IReadOnlyList<string> settings, Func<HubDbContext> open)
    {
        Traffic = traffic;
        _settings = settings;
        Open = open;
    }

    public RegionTraffic Traffic { get; }

    public Func<HubDbContext> Open { get; }

    public static Pseudonymizer Keys { get; } = new(new PseudonymOptions
    {
        CurrentKeyId = HubBrokerSpace.PseudonymKeyId, Keys = { [HubBrokerSpace.PseudonymKeyId] = HubBrokerSpace.PseudonymKey },
    });

    /// <param name="settings">The operator tool's database settings (--NetworkHub:…).</param>
    /// <param name="before">Changes to the generated rows before they are written.</param>
    public static async Task<GeneratedMonth> WriteAsync(IReadOnlyList<string> settings, Func<HubDbContext> open, Action<RegionTraffic>? before = null)
    {
        var traffic = RegionTraffic.Generate(RegionShape.Small, new DateTimeOffset(2026, 9, 24, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.Zero), Now, Keys);
        before?.Invoke(traffic);
        await using (var db = open())
        {
            await SchemaMigrator.MigrateAsync(db, _ => { }, CancellationToken.None);
        }

        await traffic.WriteAsync(open);
        return new(traffic, settings, open);
    }

    /// <summary>The operator tool on this database, with the hub's keys, at <see cref="Now"/>.</summary>
    public async Task<(string Output, int ExitCode)> CliAsync(params string[] command)
    {
        using var output = new StringWriter();
        var exit = await NetworkHubCommand.RunAsync([.. command, .. _settings,
            $"--NetworkHub:Pseudonyms:CurrentKeyId={HubBrokerSpace.PseudonymKeyId}",
            $"--NetworkHub:Pseudonyms:Keys:{HubBrokerSpace.PseudonymKeyId}={HubBrokerSpace.PseudonymKey}"], output, CancellationToken.None, SpecClock.Frozen(Now));
        return (output.ToString(), exit);
    }

    /// <summary>Whether an instant falls in <see cref="Month"/> on a Dutch calendar.</summary>
    public static bool InMonth(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Amsterdam).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) == Month;

    public async Task<List<AccessLogEntry>> AccessLogAsync(AccessEventKind kind)
    {
        await using var db = Open();
        return await db.AccessLog.AsNoTracking().Where(e => e.Event == kind).ToListAsync();
    }

    /// <summary>The database settings of a spec database: a SQLite file of its own, or a new PostgreSQL database.</summary>
    public static (IReadOnlyList<string> Settings, Func<HubDbContext> Open) Sqlite()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "networkhub-specs", $"steering-{Guid.NewGuid():N}"[..21])).FullName;
        var file = Path.Combine(directory, "hub.db");
        return ([$"--NetworkHub:DataDirectory={directory}"],
            () => new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseHubSqlite($"Data Source={file};Default Timeout=30").Options));
    }

    public static async Task<(IReadOnlyList<string> Settings, Func<HubDbContext> Open)> PostgreSqlAsync(PostgresFixture postgres)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        return (["--NetworkHub:Database=PostgreSql", $"--NetworkHub:ConnectionString={connectionString}"],
            () => new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql(connectionString).Options));
    }
}
