using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Steering;
using NetworkHub.Core.Time;
using NetworkHub.Testing;
using NetworkHub.Testing.Steering;
using Npgsql;

namespace NetworkHub.Benchmarks;

/// <summary>
/// A year of a region's traffic (11 municipalities, <see cref="RegionShape.Region"/>) in PostgreSQL, written in the hub's
/// shape by the seeded generator the specs use; then the questions of tracing and steering, timed as the CLI and console
/// ask them: the hand-overs of one origin over the year, a case's history, the sturingsinformatie of one month and of the
/// whole year. Checks with EXPLAIN that PostgreSQL answers from the indexes. Writes docs/benchmarks-steering.md.
/// </summary>
public static class SteeringBenchmark
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById(WorkingDayCalendar.AmsterdamTimeZoneId);

    public static async Task<int> RunAsync(string[] args)
    {
        var year = int.Parse(Value(args, "--year") ?? "2026", CultureInfo.InvariantCulture);
        var repeats = int.Parse(Value(args, "--repeats") ?? "5", CultureInfo.InvariantCulture);
        var output = Value(args, "--output") ?? Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks-steering.md");
        var total = Stopwatch.StartNew();

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("networkhub_steering");
        var options = new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql(connectionString).Options;
        await using (var db = new HubDbContext(options))
        {
            await SchemaMigrator.MigrateAsync(db, _ => { }, CancellationToken.None);
        }

        var keys = new Pseudonymizer(new PseudonymOptions { CurrentKeyId = "bench", Keys = { ["bench"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray()) } });
        var (from, until) = (Local(year, 1), Local(year + 1, 1));
        var generate = Stopwatch.StartNew();
        var traffic = RegionTraffic.Generate(RegionShape.Region, from, until, until.AddDays(14), keys);
        Console.WriteLine($"Generated a year: {traffic.Organisations.Count} organisations, {traffic.HandOffs.Count:N0} hand-offs, {traffic.HandOvers.Count:N0} hand-overs, " +
                          $"{traffic.Signals.Count:N0} signals, {traffic.Escalations.Count:N0} escalations, {traffic.AccessLog.Count:N0} access-log rows.");
        var lastShown = 0L;
        await traffic.WriteAsync(() => new HubDbContext(options), (done, all) =>
        {
            if (done - lastShown >= 50_000 || done == all)
            {
                lastShown = done;
                Console.WriteLine($"  written {done:N0} of {all:N0}");
            }
        }, batch: 10_000);
        generate.Stop();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"Written in {generate.Elapsed.TotalSeconds:0} s.");
        var calendar = new WorkingDayCalendar(new CalendarOptions());
        var clock = SpecClock.Frozen(until.AddDays(14));
        var who = new TraceRequester("bench", "hub", "operator tool", "benchmark");
        var results = new List<(string Question, string Answer, List<double> Ms)>();

        var list = await TimeAsync(repeats, async () =>
        {
            await using var db = new HubDbContext(options);
            return (await new HandOverTrace(db, calendar, clock).ListAsync(
                new HandOverQuery(RegionTraffic.VeiligThuis, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), who, CancellationToken.None)).HandOvers.Count;
        });
        results.Add(($"hand-overs originating at Veilig Thuis over the year (`handovers list`)", $"{list.Answer:N0} hand-overs", list.Ms));

        var random = new Random(11);
        var cases = traffic.HandOvers.OrderBy(_ => random.Next()).Take(repeats * 4).ToList();
        var index = 0;
        var history = await TimeAsync(cases.Count, async () =>
        {
            var handOver = cases[index++];
            var reference = traffic.HandOverReferences[handOver.Id];
            await using var db = new HubDbContext(options);
            var subject = keys.SubjectKeyCandidates(new SubjectReference { Role = SubjectRole.Child, SenderReference = reference }, handOver.Sender);
            return (await new HandOverTrace(db, calendar, clock).CaseAsync(reference, handOver.Sender, subject, who, CancellationToken.None)).Events.Count;
        });
        results.Add(($"a case's history by the sender's reference (`handovers case`, {cases.Count} random cases)", $"{history.Answer} events (last)", history.Ms));

        var month = await TimeAsync(repeats, () => ExportAsync(options, calendar, new DateOnly(year, 11, 1), 1, null));
        results.Add(($"sturingsinformatie, one month, every partner (`steering export --month {year}-11`)", $"{month.Answer:N0} rows", month.Ms));
        var one = await TimeAsync(repeats, () => ExportAsync(options, calendar, new DateOnly(year, 11, 1), 1, RegionTraffic.VeiligThuis));
        results.Add(($"sturingsinformatie, one month, one partner (`--organisation {RegionTraffic.VeiligThuis}`)", $"{one.Answer:N0} row", one.Ms));
        var whole = await TimeAsync(Math.Max(1, repeats / 2), () => ExportAsync(options, calendar, new DateOnly(year, 1, 1), 12, null,
            p => Console.Write($"\r  year: step {p.Done} of {p.Total}   ")));
        Console.WriteLine();
        results.Add(($"sturingsinformatie, the whole year, every partner (`steering export --year {year}`)", $"{whole.Answer:N0} rows", whole.Ms));

        var plans = await ExplainAsync(connectionString, year);
        var doc = new StringBuilder();
        doc.AppendLine("# Tracing and sturingsinformatie over a year").AppendLine()
            .AppendLine("Written by `dotnet run -c Release --project tests/NetworkHub.Benchmarks -- steering " + string.Join(' ', args.Skip(1)) + "`.").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, PostgreSQL {await BenchmarkEnvironment.PostgresVersionAsync(connectionString)} in its own container on loopback; other work ran on the machine at the same time (load average {LoadAverage()}), so these are upper bounds.")
            .AppendLine(CultureInfo.InvariantCulture, $"- A year ({year}) of a region of 11 municipalities, generated with a fixed seed (`RegionTraffic`, the generator the specs recount from) and written in the hub's own tables and shape in {generate.Elapsed.TotalSeconds:0} s:")
            .AppendLine(CultureInfo.InvariantCulture, $"  {traffic.Organisations.Count} organisations, {traffic.HandOffs.Count:N0} hand-offs, {traffic.HandOvers.Count:N0} warm hand-overs, {traffic.Signals.Count:N0} signals, {traffic.Escalations.Count:N0} escalations, {traffic.AccessLog.Count:N0} access-log rows.")
            .AppendLine("- Assumptions (DOMAIN.md gives the region and \"thousands of hand-offs a day\" nationally, not a region's volumes): per municipality two wijkteams, ten schools, eight huisartsen, a schuldhulp; one Veilig Thuis, GI, Raad and JGZ for the region; per municipality and month 500 signals to the wijkteam, 80 warm hand-overs (45% Veilig Thuis handing down, 15% a wijkteam passing a Veilig Thuis case on to the GI) and 25 escalations. About 280 hand-offs a day for the region: 11 of 342 municipalities would be about 3% of the national load, so this is several times the region's share of \"thousands a day\".")
            .AppendLine("- Every time includes opening a connection; the traces include writing their access-log row.")
            .AppendLine().AppendLine("| question | answer | runs | median ms | max ms |").AppendLine("|---|---|---:|---:|---:|");
        foreach (var (question, answer, ms) in results)
        {
            ms.Sort();
            doc.AppendLine(CultureInfo.InvariantCulture, $"| {question} | {answer} | {ms.Count} | {ms[(ms.Count + 1) / 2 - 1]:0} | {ms[^1]:0} |");
        }

        doc.AppendLine().AppendLine("The CLI shows a progress bar for the export (on standard error when the CSV goes to a file) and the console a progress bar fed by `steeringProgress` events: four steps per month.")
            .AppendLine().AppendLine("## The indexes PostgreSQL uses").AppendLine()
            .AppendLine("From `EXPLAIN` on the year's data, for the queries the trace and the report send (one migration, `TraceHandOversAndSteering`, adds them):").AppendLine();
        foreach (var (query, plan) in plans)
        {
            doc.AppendLine(CultureInfo.InvariantCulture, $"- {query}: {plan}");
        }

        await File.WriteAllTextAsync(output, doc.ToString());
        Console.WriteLine(doc.ToString());
        Console.WriteLine($"Wrote {Path.GetFullPath(output)} in {total.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }

    private static async Task<int> ExportAsync(DbContextOptions<HubDbContext> options, WorkingDayCalendar calendar, DateOnly first, int months, string? organisation,
        Action<SteeringProgress>? progress = null)
    {
        await using var db = new HubDbContext(options);
        var rows = await new SteeringReport(db, calendar).ComputeAsync(first, months, organisation, progress, CancellationToken.None);
        await SteeringCsv.WriteAsync(TextWriter.Null, rows);
        return rows.Count;
    }

    /// <summary>The plan's index scans for each query, as EXPLAIN names them.</summary>
    private static async Task<List<(string Query, string Plan)>> ExplainAsync(string connectionString, int year)
    {
        var month = $"'{year}-10-31 23:00:00+00' AND '{year}-11-30 23:00:00+00'";
        var queries = new (string Name, string Sql)[]
        {
            ("hand-overs by origin, one month", $"""SELECT * FROM hand_overs WHERE ("OriginOrganisation" = 'veilig-thuis-ijsselland' OR ("OriginOrganisation" IS NULL AND "Sender" = 'veilig-thuis-ijsselland')) AND "OfferedAt" BETWEEN {month}"""),
            ("hand-overs by origin, the whole year (the answer is most of the table: a sequential scan is the cheaper plan)", $"""SELECT * FROM hand_overs WHERE ("OriginOrganisation" = 'veilig-thuis-ijsselland' OR ("OriginOrganisation" IS NULL AND "Sender" = 'veilig-thuis-ijsselland')) AND "OfferedAt" >= '{year - 1}-12-31 23:00:00+00' AND "OfferedAt" < '{year}-12-31 23:00:00+00'"""),
            ("a case's hand-overs by the child's key", """SELECT * FROM hand_overs WHERE "SubjectKey" IN ('a', 'b')"""),
            ("a month of hand-offs", $"""SELECT "Sender", "Recipient", "CreatedAt" FROM hand_offs WHERE "CreatedAt" >= '{year}-10-31 23:00:00+00' AND "CreatedAt" < '{year}-11-30 23:00:00+00'"""),
            ("a month of one organisation's hand-offs", $"""SELECT "Sender", "Recipient", "CreatedAt" FROM hand_offs WHERE "CreatedAt" >= '{year}-10-31 23:00:00+00' AND "CreatedAt" < '{year}-11-30 23:00:00+00' AND ("Sender" = 'veilig-thuis-ijsselland' OR "Recipient" = 'veilig-thuis-ijsselland')"""),
            ("a month of hand-overs", $"""SELECT "Receiver", "OfferedAt", "FirstContactAt" FROM hand_overs WHERE "OfferedAt" BETWEEN {month}"""),
            ("a month of signals and whether their reporters heard back", $"""SELECT "Sender", "HeardBackAt" IS NOT NULL FROM signals WHERE "RegisteredAt" BETWEEN {month} AND "FeedbackWanted" """),
        };
        var plans = new List<(string, string)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (name, sql) in queries)
        {
            await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(0));
                }
            }

            var scans = lines.Select(l => l.Trim().TrimStart('-', '>', ' ')).Where(l => l.Contains("Scan", StringComparison.Ordinal))
                .Select(l => l[..l.IndexOf("  (", StringComparison.Ordinal)]).ToList();
            plans.Add((name, string.Join("; ", scans.Select(s => $"`{s}`"))));
        }

        return plans;
    }

    private static async Task<(T Answer, List<double> Ms)> TimeAsync<T>(int runs, Func<Task<T>> run)
    {
        var ms = new List<double>();
        T answer = default!;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            answer = await run();
            ms.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (answer, ms);
    }

    private static DateTimeOffset Local(int year, int month)
    {
        var local = new DateTime(year, month, 1);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string? Value(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
