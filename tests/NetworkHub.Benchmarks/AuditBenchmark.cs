using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Testing;
using Npgsql;
using NpgsqlTypes;

namespace NetworkHub.Benchmarks;

/// <summary>
/// "Who received data about this family, when and why" on a large access log: loads a chained log of N rows
/// into a PostgreSQL container (binary COPY), then times the hub's own query for random subjects and a full
/// chain verification. Writes docs/benchmarks-audit.md.
/// </summary>
public static class AuditBenchmark
{
    private static readonly string[] Organisations =
        ["wijkteam-noord", "wijkteam-zuid", "veilig-thuis-ijsselland", "gi-jeugdbescherming-overijssel", "school-de-regenboog",
         "huisarts-de-linde", "schuldhulp-stadsbank", "jgz-ijsselland", "leerplicht-zwolle", "jeugdhulp-de-brug"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = ReadLong(args, "--rows", 10_000_000);
        var subjects = Math.Max(1, rows / 20); // about twenty log rows per child over the years
        var queries = (int)ReadLong(args, "--queries", 200);
        var output = Value(args, "--output") ?? Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks-audit.md");
        Console.WriteLine($"Access-log audit benchmark: {rows:N0} rows over {subjects:N0} subjects, {queries} queries.");

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("networkhub_audit");
        var options = new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql(connectionString).Options;
        await using (var db = new HubDbContext(options))
        {
            await SchemaMigrator.MigrateAsync(db, _ => { }, CancellationToken.None);
        }

        var load = Stopwatch.StartNew();
        await LoadAsync(connectionString, rows, subjects);
        load.Stop();
        Console.WriteLine($"Loaded {rows:N0} chained rows in {load.Elapsed.TotalSeconds:0} s.");

        var random = new Random(7);
        var timings = new List<double>(queries);
        var found = 0L;
        await using (var db = new HubDbContext(options))
        {
            var store = new AccessLogStore(db);
            await store.ReceivedAboutAsync([SubjectKey(0)], CancellationToken.None); // warm the plan cache
            for (var i = 0; i < queries; i++)
            {
                var clock = Stopwatch.StartNew();
                var result = await store.ReceivedAboutAsync([SubjectKey(random.NextInt64(subjects))], CancellationToken.None);
                timings.Add(clock.Elapsed.TotalMilliseconds);
                found += result.Count;
            }
        }

        var verify = Stopwatch.StartNew();
        AccessLogVerification verification;
        await using (var db = new HubDbContext(options))
        {
            verification = await new AccessLogStore(db).VerifyAsync(CancellationToken.None);
        }

        verify.Stop();
        timings.Sort();
        double P(double q) => timings[(int)Math.Ceiling(q * timings.Count) - 1];
        Console.WriteLine($"who-received: p50 {P(0.5):0.00} ms, p95 {P(0.95):0.00} ms, p99 {P(0.99):0.00} ms, max {timings[^1]:0.00} ms; {found / (double)queries:0.0} rows per answer.");
        Console.WriteLine($"verify: {(verification.Intact ? "intact" : "BROKEN")}, {verification.RowsChecked:N0} rows in {verify.Elapsed.TotalSeconds:0.0} s.");

        var doc = new StringBuilder();
        doc.AppendLine("# Access-log audit at scale").AppendLine()
            .AppendLine("Written by `dotnet run -c Release --project tests/NetworkHub.Benchmarks -- audit " + string.Join(' ', args.Skip(1)) + "`.").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; PostgreSQL in its own container on loopback; other work may have run at the same time.")
            .AppendLine(CultureInfo.InvariantCulture, $"- {rows:N0} hash-chained access-log rows (the hub's own table and indexes) over {subjects:N0} subjects and {Organisations.Length} organisations, loaded by binary COPY in {load.Elapsed.TotalSeconds:0} s.")
            .AppendLine().AppendLine("| question | p50 ms | p95 ms | p99 ms | max ms |").AppendLine("|---|---:|---:|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| who received data about this child, when and why ({queries} random subjects, {found / (double)queries:0.0} rows per answer) | {P(0.5):0.00} | {P(0.95):0.00} | {P(0.99):0.00} | {timings[^1]:0.00} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Full chain verification (`networkhub audit verify`): {(verification.Intact ? "intact" : "broken")}, {verification.RowsChecked:N0} rows in {verify.Elapsed.TotalSeconds:0.0} s, reading pages of 50,000 rows.")
            .AppendLine()
            .AppendLine("The answer uses the index on (SubjectKey, At); the subject key is the hub's keyed pseudonym of the child, never the BSN.");
        await File.WriteAllTextAsync(output, doc.ToString());
        Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
        return verification.Intact ? 0 : 1;
    }

    private static async Task LoadAsync(string connectionString, long rows, long subjects)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var start = DateTimeOffset.UtcNow.AddYears(-3);
        var random = new Random(42);
        AccessLogEntry? previous = null;
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY access_log ("Sequence","At","Event","SubjectKey","Actor","OnBehalfOf","Recipient","Basis","Purpose","ConsentReference","OverrideUsed","MessageId","RuleId","Code","Reason","PreviousHash","Hash") FROM STDIN (FORMAT BINARY)"""))
        {
            for (long i = 0; i < rows; i++)
            {
                var sender = Organisations[random.Next(Organisations.Length)];
                var consent = random.Next(10) < 8;
                previous = AccessLogChain.Append(previous, new AccessLogEntry
                {
                    At = start.AddSeconds(i * 9.0),
                    Event = consent ? AccessEventKind.Transfer : random.Next(2) == 0 ? AccessEventKind.Refusal : AccessEventKind.Override,
                    SubjectKey = SubjectKey(random.NextInt64(subjects)).Value,
                    Actor = AccessLogEntries.PolicyActor,
                    OnBehalfOf = sender,
                    Recipient = Organisations[random.Next(Organisations.Length)],
                    Basis = consent ? Grondslag.Toestemming : Grondslag.Meldrecht,
                    Purpose = consent ? Purpose.ShareWithNamedOrganisations : Purpose.ReportToVeiligThuis,
                    ConsentReference = consent ? $"toestemming-{i / 20}" : null,
                    OverrideUsed = !consent,
                    MessageId = Guid.NewGuid(),
                    RuleId = consent ? "T-SHARE" : "M-MELDING",
                    Reason = consent ? "The family consented to sharing with this named organisation." : "Shared under the meldcode.",
                });
                await copy.StartRowAsync();
                await copy.WriteAsync(previous.Sequence, NpgsqlDbType.Bigint);
                await copy.WriteAsync(previous.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(previous.Event.ToString(), NpgsqlDbType.Text);
                await copy.WriteAsync(previous.SubjectKey, NpgsqlDbType.Text);
                await copy.WriteAsync(previous.Actor, NpgsqlDbType.Text);
                await copy.WriteAsync(previous.OnBehalfOf, NpgsqlDbType.Text);
                await copy.WriteAsync(previous.Recipient, NpgsqlDbType.Text);
                await copy.WriteAsync(previous.Basis?.ToString(), NpgsqlDbType.Text);
                await copy.WriteAsync(previous.Purpose?.ToString(), NpgsqlDbType.Text);
                await WriteNullableAsync(copy, previous.ConsentReference);
                await copy.WriteAsync(previous.OverrideUsed, NpgsqlDbType.Boolean);
                await copy.WriteAsync(previous.MessageId!.Value, NpgsqlDbType.Uuid);
                await copy.WriteAsync(previous.RuleId, NpgsqlDbType.Text);
                await copy.WriteNullAsync();
                await copy.WriteAsync(previous.Reason, NpgsqlDbType.Text);
                await copy.WriteAsync(previous.PreviousHash, NpgsqlDbType.Text);
                await copy.WriteAsync(previous.Hash, NpgsqlDbType.Text);
                if ((i + 1) % 1_000_000 == 0)
                {
                    Console.WriteLine($"  {i + 1:N0} rows");
                }
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE access_log", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text);
        }
    }

    private static SubjectKey SubjectKey(long subject) => new($"subject-{subject:D9}");

    private static string? Value(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static long ReadLong(string[] args, string name, long fallback) =>
        Value(args, name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
