using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Deadlines;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Workflows;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Time;
using Microsoft.Extensions.Options;
using NetworkHub.Testing;
using NetworkHub.Client;

namespace NetworkHub.Benchmarks;

/// <summary>
/// How late deadlines fire when many are pending: N acknowledgement deadlines wait in PostgreSQL (due in a year),
/// while M more come due over the next half minute; the hub's scanner loop fires them. Reports the delay from
/// each deadline's due moment to its firing (the moment its alert is committed to the outbox). Writes
/// docs/benchmarks-deadlines.md.
/// </summary>
public static class DeadlineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pending = ReadInt(args, "--pending", 100_000);
        var due = ReadInt(args, "--due", 2_000);
        var interval = TimeSpan.FromMilliseconds(ReadInt(args, "--scan-ms", 1000));
        Console.WriteLine($"Deadline benchmark: {pending:N0} pending, {due:N0} coming due over 30 s, scan every {interval.TotalMilliseconds} ms.");

        await using var postgres = await PostgresServer.StartAsync();
        var options = new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql(await postgres.CreateDatabaseAsync("networkhub_deadlines")).Options;
        await using (var db = new HubDbContext(options))
        {
            await SchemaMigrator.MigrateAsync(db, _ => { }, CancellationToken.None);
        }

        await InsertAsync(options, pending, _ => DateTimeOffset.UtcNow.AddDays(365));
        var start = DateTimeOffset.UtcNow.AddSeconds(3); // the measured ones come due only once scanning runs
        await InsertAsync(options, due, i => start.AddMilliseconds(30_000.0 * i / due));
        Console.WriteLine("Deadlines in place; scanning…");

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(45))
        {
            await using var db = new HubDbContext(options);
            var pseudonyms = new Pseudonymizer(new PseudonymOptions { CurrentKeyId = "bench", Keys = { ["bench"] = Convert.ToBase64String(new byte[32]) } });
            var signals = new SignalIndex(db, pseudonyms, new NoCalendar(), Options.Create(new DeadlineOptions()));
            var workflows = new WorkflowSet(new HandOffLedger(db, new NoCalendar()), signals, new HandOverWorkflow(db, new NoCalendar(), pseudonyms, signals),
                new RegieWorkflow(db, pseudonyms, signals), new CaseClosure(db, pseudonyms, signals), new EscalationWorkflow(db), new MdoWorkflow(db, pseudonyms, new FamilyInvolvement(db)),
                new EvaluationWorkflow(db, new NetworkHub.Core.Registry.OrganisationRegistry(), pseudonyms, new NoCalendar(), new WorkingDayCalendar(new CalendarOptions())),
                new SafetyConcernWatch(db, new NoCalendar()));
            var processor = new DeadlineProcessor(db, new OutboxDispatcher(db, new NoBroker(), new ImmediateDispatchRecorder(db, TimeProvider.System)),
                workflows, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<DeadlineProcessor>.Instance);
            while (await processor.FireDueAsync(500, CancellationToken.None) == 500)
            {
            }

            await Task.Delay(interval);
        }

        await using var read = new HubDbContext(options);
        var fired = await read.Deadlines.AsNoTracking().Where(d => d.FiredAt != null).Select(d => new { d.DueAt, d.FiredAt }).ToListAsync();
        var delays = fired.Select(f => (f.FiredAt!.Value - f.DueAt).TotalMilliseconds).Order().ToList();
        double P(double q) => delays[(int)Math.Ceiling(q * delays.Count) - 1];
        Console.WriteLine($"fired {delays.Count:N0} of {due:N0}; delay p50 {P(0.5):0} ms, p99 {P(0.99):0} ms, max {delays[^1]:0} ms");

        var doc = new StringBuilder()
            .AppendLine("# Deadlines under load").AppendLine()
            .AppendLine("Written by `dotnet run -c Release --project tests/NetworkHub.Benchmarks -- deadlines " + string.Join(' ', args.Skip(1)) + "`.").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; PostgreSQL in its own container on loopback.")
            .AppendLine(CultureInfo.InvariantCulture, $"- {pending:N0} acknowledgement deadlines pending (due in a year) while {due:N0} came due over 30 seconds; the scanner ran every {interval.TotalMilliseconds:0} ms (`NetworkHub:DeadlineScanInterval`, default 5 s).")
            .AppendLine("- Delay = from a deadline's due moment to the commit that fires it (hand-off marked overdue, alert written to the outbox); the broker send follows the commit.").AppendLine()
            .AppendLine("| fired | p50 ms | p99 ms | max ms |").AppendLine("|---:|---:|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| {delays.Count:N0} of {due:N0} | {P(0.5):0} | {P(0.99):0} | {delays[^1]:0} |").AppendLine()
            .AppendLine("The delay is dominated by the scan interval (a deadline waits on average half an interval); the scan itself uses the index on (FiredAt, DueAt), so the pending rows do not slow it.");
        var output = Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks-deadlines.md");
        await File.WriteAllTextAsync(output, doc.ToString());
        Console.WriteLine($"Wrote {output}");
        return delays.Count == due ? 0 : 1;
    }

    private static async Task InsertAsync(DbContextOptions<HubDbContext> options, int count, Func<int, DateTimeOffset> dueAt)
    {
        for (var offset = 0; offset < count; offset += 5000)
        {
            await using var db = new HubDbContext(options);
            for (var i = offset; i < Math.Min(count, offset + 5000); i++)
            {
                var id = Guid.NewGuid();
                db.HandOffs.Add(new HandOff
                {
                    Id = id, MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), Sender = "school-de-regenboog", Recipient = "wijkteam-noord",
                    Contract = "V1.Signaal", State = HandOffState.Dispatched, CreatedAt = DateTimeOffset.UtcNow, AcknowledgementDueAt = dueAt(i),
                });
                db.Deadlines.Add(new Deadline { Id = Guid.NewGuid(), Kind = DeadlineKind.Acknowledgement, Reference = id, DueAt = dueAt(i), CreatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
        }
    }

    private static int ReadInt(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private sealed class NoBroker : IHubTransport
    {
        public Task SendToOrganisationAsync(string organisation, HubMessage message, MessageTrace? trace, CancellationToken ct) => Task.CompletedTask;

        public Task PublishEventAsync(HubMessage message, MessageTrace? trace, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class NoCalendar : IDeadlineCalendar
    {
        public DateTimeOffset DueAfter(DateTimeOffset sentAt, DeadlineKind kind) => sentAt.AddDays(3);
    }
}
