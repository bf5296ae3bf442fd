using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NetworkHub.Benchmarks;

/// <summary>Turns results into a console table and the markdown page <c>docs/benchmarks.md</c>.</summary>
public static class BenchmarkReport
{
    private const int BarWidth = 50;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string DefaultOutput() => Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");

    /// <summary>The folder holding NetworkHub.sln above the current directory, or the current directory.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "NetworkHub.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <param name="unit">The throughput column's heading.</param>
    /// <param name="rawFor">The baseline each result is compared with; the first result when null.</param>
    public static string Table(IReadOnlyList<RunResult> results, string unit = "msg/s", Func<RunResult, RunResult>? rawFor = null)
    {
        rawFor ??= _ => results[0];
        var width = NameWidth(results);
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"{"scenario".PadRight(width)} {unit,8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"vs raw",8}");
        foreach (var r in results)
        {
            text.AppendLine(Invariant, $"{r.Scenario.PadRight(width)} {r.MessagesPerSecond,8:0} {r.P50,8:0.0} {r.P95,8:0.0} {r.P99,8:0.0} {r.Max,8:0.0} {Ratio(r, rawFor(r)),8}");
        }

        return text.ToString();
    }

    public static string Markdown(BenchmarkOptions options, IReadOnlyList<string> args, IReadOnlyList<RunResult> results,
        IReadOnlyDictionary<string, string> versions, TimeSpan duration)
    {
        var raw = results.FirstOrDefault();
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine("How much the hub costs compared with the broker alone. One process run sends the same workload through");
        md.AppendLine("raw `RabbitMQ.Client` and through the hub's full path, on one RabbitMQ broker in its own container, and compares them.");
        md.AppendLine("This page is written by the harness in `tests/NetworkHub.Benchmarks` (a console app, not part of `dotnet test`).");
        md.AppendLine();
        md.AppendLine("## Command");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine("dotnet run -c Release --project tests/NetworkHub.Benchmarks --" + (args.Count > 0 ? " " + string.Join(' ', args) : string.Empty));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("Options: `--messages N` (default 5000), `--warmup N` (500), `--concurrency N` (32), `--payload BYTES` (1024),");
        md.AppendLine("`--postgres true|false` or `--no-postgres` (PostgreSQL runs by default), `--telemetry true|false` (off by default),");
        md.AppendLine("`--consoles N` (none by default), `--output PATH`.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        AppendMachine(md, versions, duration);
        md.AppendLine();
        md.AppendLine("## Workload");
        md.AppendLine();
        md.AppendLine(Invariant, $"{options.Messages} messages per scenario, measured after {options.Warmup} warm-up messages through the same path,");
        md.AppendLine(Invariant, $"with at most {options.Concurrency} sends in flight from the producer (a `SemaphoreSlim`; a send completes when the");
        md.AppendLine("broker confirms it). Latency runs from the start of the send to the arrival at the final consumer; throughput is");
        md.AppendLine("messages divided by the time from the first send to the last arrival. Percentiles are nearest-rank.");
        md.AppendLine();
        md.AppendLine(Invariant, $"- **raw RabbitMQ.Client**: a producer publishes persistent {options.PayloadBytes}-byte messages with publisher confirms to");
        md.AppendLine("  quorum queue A; a relay consumer (manual ack, prefetch 64, 16 concurrent handlers like the hub's ingress)");
        md.AppendLine("  publishes each to quorum queue B with confirms and then acks A; a final consumer (prefetch 32) records the");
        md.AppendLine("  arrival and acks. Both queues use the hub's queue arguments.");
        md.AppendLine("- **hub**: the school's `HubClient` sends `Signaal` messages (category padded so the message serialises to about");
        md.AppendLine(Invariant, $"  {options.PayloadBytes} bytes of JSON; MassTransit's envelope adds its headers) to the hub's ingress; the hub runs");
        md.AppendLine("  in-process (`HubApp`) with its production settings and sends each signal to the wijkteam's queue; the wijkteam's");
        md.AppendLine("  `HubClient` handler records the arrival and accepts, and the client sends the acknowledgement back through the hub");
        md.AppendLine("  to the school. The run waits until every acknowledgement is back before the next scenario starts.");
        if (options.Telemetry)
        {
            md.AppendLine("- **telemetry on**: the hub exports its spans (and the partners' client spans), metrics and logs over OTLP/HTTP to");
            md.AppendLine("  a receiver on loopback that reads and discards them (docs/observability.md).");
        }

        if (options.Consoles > 0)
        {
            md.AppendLine(Invariant, $"- **{options.Consoles} consoles**: live consoles signed in (a quarter as the operations team, the others as the");
            md.AppendLine("  school's or the wijkteam's operator), each a SignalR WebSocket in a process of their own, receive every batch of");
            md.AppendLine("  live activity while the hub runs (docs/benchmarks-console.md).");
        }
        md.AppendLine();
        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine("| scenario | msg/s | p50 ms | p95 ms | p99 ms | max ms | throughput vs raw |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            md.AppendLine(Invariant, $"| {r.Scenario} | {r.MessagesPerSecond:0} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Max:0.0} | {Ratio(r, raw)} |");
        }

        md.AppendLine();
        foreach (var r in results)
        {
            md.AppendLine(Invariant, $"- {r.Scenario}: {r.Messages} messages in {r.Elapsed.TotalSeconds:0.0} s; {r.Notes}.");
        }

        md.AppendLine();
        md.AppendLine("Throughput (msg/s, longer is better):");
        md.AppendLine();
        md.AppendLine("```");
        md.Append(Bars(results, r => r.MessagesPerSecond, "0"));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("p95 latency (ms, shorter is better):");
        md.AppendLine();
        md.AppendLine("```");
        md.Append(Bars(results, r => r.P95, "0.0"));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("## What the hub does per message that the raw path does not");
        md.AppendLine();
        md.AppendLine("Both paths cross the broker twice with persistent messages, quorum queues and publisher confirms. On top of that,");
        md.AppendLine("for every signal the hub:");
        md.AppendLine();
        md.AppendLine("1. deserialises the MassTransit envelope, takes the sender from the broker-validated AMQP `user-id` and checks the");
        md.AppendLine("   contract, the recipients and the policy (legal basis, purpose, recipient type);");
        md.AppendLine("2. looks the message id up in the inbox, then writes inbox entry, hand-off (ledger state), acknowledgement deadline");
        md.AppendLine("   and outbox row in **one database transaction** (a durable commit: SQLite in WAL mode, or PostgreSQL);");
        md.AppendLine("3. sends the projected message to the recipient's queue with confirms and only then acks the ingress delivery;");
        md.AppendLine("   marking the outbox row sent and the hand-off dispatched follows in batches, off this path;");
        md.AppendLine("4. handles the **acknowledgement flowing back**: the recipient's client sends it to the ingress, and the hub");
        md.AppendLine("   records it (inbox, hand-off settled, deadline cleared, outbox) and forwards it to the school.");
        md.AppendLine("   So the hub moves two messages and commits two transactions per signal (plus a share of a batch); the raw relay moves one and");
        md.AppendLine("   touches no database. The acknowledgements compete with the signals for the same ingress consumers, which");
        md.AppendLine("   the hub's throughput above includes.");
        md.AppendLine();
        md.AppendLine("Reading the latencies: the producer's window limits sends awaiting a broker confirm, not messages inside the");
        md.AppendLine("pipeline. When a path is slower than the producer, messages wait in its first queue (the hub's ingress), and the");
        md.AppendLine("latency percentiles mostly show that queue. SQLite admits one writer at a time, so the hub queues its concurrent ingress");
        md.AppendLine("handlers for its write lock (asynchronously: the driver's own busy retry sleeps); PostgreSQL commits them side by side.");
        md.AppendLine();
        md.AppendLine("## Other benchmarks");
        md.AppendLine();
        md.AppendLine("- [benchmarks-workflows.md](benchmarks-workflows.md) (`-- workflows`): warm hand-overs from offer to completion,");
        md.AppendLine("  workflow state transitions per second against a raw RabbitMQ baseline of the same shape.");
        md.AppendLine("- [benchmarks-flood.md](benchmarks-flood.md) (`-- flood`): another partner's latency from send to delivery while one");
        md.AppendLine("  partner floods the ingress with poison, and how long a poison message takes to come back as a typed return.");
        md.AppendLine("- [benchmarks-outage.md](benchmarks-outage.md) (`-- outage`): PostgreSQL stopped for 30 s under steady traffic:");
        md.AppendLine("  when intake pauses and resumes, and what is lost or duplicated, counted by raw deliveries.");
        md.AppendLine("- [benchmarks-deadlines.md](benchmarks-deadlines.md) (`-- deadlines`): how late deadlines fire with 100,000 pending.");
        md.AppendLine("- [benchmarks-audit.md](benchmarks-audit.md) (`-- audit`): who-received queries and chain verification on a");
        md.AppendLine("  10-million-row access log.");
        return md.ToString();
    }

    /// <summary>When, on what and with which server versions a run was measured, and how to read that: markdown bullets.</summary>
    public static void AppendMachine(StringBuilder md, IReadOnlyDictionary<string, string> versions, TimeSpan duration)
    {
        md.AppendLine(Invariant, $"- Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; the whole run took {duration.TotalSeconds:0} s.");
        md.AppendLine(Invariant, $"- {Environment.ProcessorCount} logical cores ({CpuModel()}), {MemoryGiB():0.0} GiB memory, {RuntimeInformation.OSDescription.Trim()}.");
        md.AppendLine(Invariant, $"- .NET {Environment.Version}; {string.Join("; ", versions.Select(v => $"{v.Key} {v.Value}"))}; all on loopback.");
        md.AppendLine("- Broker, hub, partners and database share these cores, so absolute numbers vary between runs and are a floor,");
        md.AppendLine("  not a capacity statement. The ratio between scenarios of one run is the useful figure; repeat runs to see the spread.");
    }

    /// <summary>Throughput of <paramref name="result"/> relative to the raw baseline.</summary>
    public static string Ratio(RunResult result, RunResult? raw) =>
        raw is null || ReferenceEquals(result, raw)
            ? "1.00"
            : (result.MessagesPerSecond / raw.MessagesPerSecond) is var ratio && ratio < 0.1
                ? ratio.ToString("0.000", Invariant) // small ratios keep a significant digit
                : ratio.ToString("0.00", Invariant);

    /// <summary>A text bar chart of one value per scenario.</summary>
    public static string Bars(IReadOnlyList<RunResult> results, Func<RunResult, double> value, string format)
    {
        var max = results.Max(value);
        var width = NameWidth(results);
        var text = new StringBuilder();
        foreach (var r in results)
        {
            var length = max <= 0 ? 0 : (int)Math.Round(value(r) / max * BarWidth);
            text.AppendLine(Invariant, $"{r.Scenario.PadRight(width)} {new string('#', Math.Max(length, 1)),-BarWidth} {value(r).ToString(format, Invariant)}");
        }

        return text.ToString();
    }

    private static int NameWidth(IReadOnlyList<RunResult> results) => Math.Max(22, results.Max(r => r.Scenario.Length));

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                   ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double MemoryGiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant) / 1024d / 1024d;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024d / 1024d / 1024d;
        }
    }
}
