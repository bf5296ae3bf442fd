using System.Diagnostics;
using System.Globalization;
using System.Text;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// What a partner flooding the hub with poison costs another partner: the school's latency from send to delivery
/// with and without the huisarts flooding the ingress, and how long a poison message takes to come back to its
/// sender as a typed return. Fails (exit code 1) when a signal does not arrive, a poison message is delivered, or
/// one comes back with another code than its kind's. Writes docs/benchmarks-flood.md.
/// </summary>
public static class FloodBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = args[1..];
        var options = FloodOptions.Parse(arguments);
        Console.WriteLine($"NetworkHub flood benchmark: the school sends {options.Signals} signals, one every {options.IntervalMs} ms, without and with " +
                          $"the huisarts flooding {options.Flood} poison messages ({options.Window} in flight); {options.Returns} poison messages timed alone.");
        try
        {
            var clock = Stopwatch.StartNew();
            var loadBefore = LoadAverage();
            var versions = new Dictionary<string, string>();
            var results = new List<FloodResult>();
            await using var node = await RabbitMqNode.StartAsync();
            Console.WriteLine($"{node} ready in {node.LastStartDuration.TotalSeconds:0.0} s.");
            versions["RabbitMQ"] = await BenchmarkEnvironment.RabbitMqVersionAsync(node);

            results.Add(await MeasureAsync(options, node, "hub on SQLite", "bench-flood-sqlite", postgresConnectionString: null));
            if (options.Postgres)
            {
                await using var postgres = await PostgresServer.StartAsync();
                var connectionString = await postgres.CreateDatabaseAsync("networkhub_flood");
                versions["PostgreSQL"] = await BenchmarkEnvironment.PostgresVersionAsync(connectionString);
                results.Add(await MeasureAsync(options, node, "hub on PostgreSQL", "bench-flood-postgres", connectionString));
            }

            var output = options.Output ?? Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks-flood.md");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, Markdown(options, arguments, results, versions, clock.Elapsed, (loadBefore, LoadAverage())));
            Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
            return 0;
        }
        catch (BenchmarkFailedException e)
        {
            Console.Error.WriteLine($"Flood benchmark FAILED: {e.Message}");
            return 1;
        }
    }

    private static async Task<FloodResult> MeasureAsync(FloodOptions options, RabbitMqNode node, string scenario, string name, string? postgresConnectionString)
    {
        await using var hub = await FloodScenario.StartAsync(node, name, postgresConnectionString);
        Console.WriteLine($"{scenario}: warming up…");
        await hub.SendSignalsAsync(options.Warmup, options.Interval, Timeout);
        await hub.SendPoisonAsync(options.Warmup, options.Interval, Timeout);

        Console.WriteLine($"{scenario}: the school's signals, no flood…");
        var quiet = Latency.Of(await hub.SendSignalsAsync(options.Signals, options.Interval, Timeout));
        Console.WriteLine($"  {quiet}");

        Console.WriteLine($"{scenario}: poison alone, timed to its typed return…");
        var poisonRun = await hub.SendPoisonAsync(options.Returns, options.Interval, Timeout);
        var poisonAlone = Latency.Of(poisonRun);
        var byKind = FloodScenario.PoisonKinds.Select((kind, k) => (kind, Latency.Of(poisonRun, i => i % FloodScenario.PoisonKinds.Length == k))).ToArray();
        Console.WriteLine($"  {poisonAlone}");

        Console.WriteLine($"{scenario}: the school's signals while the huisarts floods…");
        var flood = await hub.FloodAsync(options, Timeout);
        var flooded = Latency.Of(flood.Signals);
        var floodReturns = Latency.Of(flood.Poison);
        Console.WriteLine($"  signals {flooded}; poison returns {floodReturns}; published in {flood.Published.TotalSeconds:0.0} s, all back in {flood.Drained.TotalSeconds:0.0} s");

        if (hub.Faults.Count > 0)
        {
            throw new BenchmarkFailedException($"{scenario}: {hub.Faults.Count} faults, first: {hub.Faults.First()}");
        }

        return new FloodResult(scenario, quiet, flooded, poisonAlone, floodReturns, byKind, flood);
    }

    private static string Markdown(FloodOptions options, IReadOnlyList<string> args, IReadOnlyList<FloodResult> results,
        IReadOnlyDictionary<string, string> versions, TimeSpan duration, (string Before, string After) load)
    {
        var md = new StringBuilder();
        md.AppendLine("# One partner flooding the hub with poison");
        md.AppendLine();
        md.AppendLine("What a partner that floods the ingress with messages the hub must refuse costs the other partners, and how long a");
        md.AppendLine("refused message takes to come back to its sender. Written by the harness in `tests/NetworkHub.Benchmarks` (not a test:");
        md.AppendLine("timings never decide pass or fail; the run fails only if a message is lost, delivered when it should not be, or");
        md.AppendLine("returned with the wrong code). That nothing is lost or delivered during a flood is a spec: `HostileFloodSpecs`.");
        md.AppendLine();
        md.AppendLine("## Command");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine("dotnet run -c Release --project tests/NetworkHub.Benchmarks -- flood" + (args.Count > 0 ? " " + string.Join(' ', args) : string.Empty));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("Options: `--signals N` (default 200), `--interval-ms N` (20), `--flood N` (1000), `--window N` (64), `--returns N` (100),");
        md.AppendLine("`--warmup N` (50), `--postgres true|false` or `--no-postgres` (PostgreSQL runs by default), `--output PATH`.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        BenchmarkReport.AppendMachine(md, versions, duration);
        md.AppendLine(Invariant, $"- Load average (1 minute) when the run began: {load.Before}; when it ended: {load.After}. Work outside the run");
        md.AppendLine("  (other builds and tests on this machine) shares the cores and shows up in every number below.");
        md.AppendLine();
        md.AppendLine("## Workload");
        md.AppendLine();
        md.AppendLine("The hub runs in-process (`HubApp`) with its production settings (an ingress endpoint per partner, each with 16");
        md.AppendLine("concurrent handlers and prefetch 64) for three partners on one broker, each partner with exactly the permissions");
        md.AppendLine("`networkhub partners provision` gives it. Percentiles are nearest-rank.");
        md.AppendLine();
        md.AppendLine(Invariant, $"- **The school** sends {options.Signals} `Signaal` messages to the wijkteam through its `HubClient`, one every {options.IntervalMs} ms");
        md.AppendLine("  (a steady pace, not a load test: `-- --messages` measures throughput). Timed from the start of the send to the");
        md.AppendLine("  arrival at the wijkteam's handler; the wijkteam's acknowledgement of each signal goes back through the hub too.");
        md.AppendLine(Invariant, $"  The signals are about {FloodScenario.Pupils} pupils in turn, each with the parents' consent recorded first.");
        md.AppendLine("- **The huisarts** publishes poison straight onto its own ingress, `hub.ingress.<huisarts>`, as its own broker user,");
        md.AppendLine("  the four kinds in turn:");
        foreach (var kind in FloodScenario.PoisonKinds)
        {
            md.AppendLine(Invariant, $"  {kind};");
        }

        md.AppendLine("  each is timed from the start of its publish to the arrival of its `ReturnMessage` at the huisarts's `HubClient`.");
        md.AppendLine(Invariant, $"- **No flood**: the school's signals alone; then {options.Returns} poison messages alone, one every {options.IntervalMs} ms.");
        md.AppendLine(Invariant, $"- **Flood**: the huisarts publishes {options.Flood} poison messages as fast as the broker confirms them ({options.Window} in");
        md.AppendLine("  flight) while the school sends its signals at its pace, starting at the same moment.");
        md.AppendLine(Invariant, $"- {options.Warmup} signals and {options.Warmup} poison messages go through the same paths first.");
        md.AppendLine();
        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine("| hub | what is timed | messages | p50 ms | p95 ms | max ms |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Row(r.Scenario, "school's signal to the wijkteam, no flood", r.Quiet);
            Row(r.Scenario, "school's signal to the wijkteam, **huisarts flooding**", r.Flooded);
            Row(r.Scenario, "poison to its typed return, no flood", r.PoisonAlone);
            Row(r.Scenario, "poison to its typed return, in the flood", r.FloodReturns);
        }

        md.AppendLine();
        foreach (var r in results)
        {
            var f = r.Flood;
            md.Append(Invariant, $"- {r.Scenario}: the broker confirmed all {options.Flood} poison messages {f.Published.TotalSeconds:0.0} s after the flood began ");
            md.Append(Invariant, $"({options.Flood / f.Published.TotalSeconds:0}/s); the school's last signal arrived after {f.SignalsDone.TotalSeconds:0.0} s; ");
            md.Append(Invariant, $"the hub had returned every poison message after {f.Drained.TotalSeconds:0.0} s ({options.Flood / f.Drained.TotalSeconds:0} returns/s, ");
            md.AppendLine("sharing the hub with the school's signals and their acknowledgements).");
        }

        md.AppendLine();
        md.AppendLine("Poison to its typed return without a flood, by kind (p50 / p95 ms):");
        md.AppendLine();
        md.AppendLine("| kind | " + string.Join(" | ", results.Select(r => r.Scenario)) + " |");
        md.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        for (var k = 0; k < FloodScenario.PoisonKinds.Length; k++)
        {
            md.AppendLine($"| {FloodScenario.PoisonKinds[k]} | " + string.Join(" | ", results.Select(r => string.Create(Invariant, $"{r.ByKind[k].Latency.P50:0.0} / {r.ByKind[k].Latency.P95:0.0}"))) + " |");
        }

        md.AppendLine();
        md.AppendLine("## Reading");
        md.AppendLine();
        md.AppendLine("Every partner sends into its own queue, `hub.ingress.<code>`, which the hub consumes with an endpoint of its own");
        md.AppendLine("(docs/adr/0006-broker-isolation-and-an-ingress-per-partner.md). The flood therefore backs up only the huisarts's");
        md.AppendLine("queue, bounded by its `max-length` (the broker refuses the huisarts's publishes past it, nobody else's); the school's");
        md.AppendLine("signals do not wait behind the poison but share with it only what the hub shares between partners: its cores,");
        md.AppendLine("its database and the broker. The difference between the school's latency with and without the flood is what a");
        md.AppendLine("flooding partner costs the others. Nothing is lost, delivered twice or delivered when it should not be, and the");
        md.AppendLine("flooder gets every message back with its code.");

        return md.ToString();

        void Row(string scenario, string what, Latency l) =>
            md.AppendLine(Invariant, $"| {scenario} | {what} | {l.Count} | {l.P50:0.0} | {l.P95:0.0} | {l.Max:0.0} |");
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed record FloodResult(
        string Scenario, Latency Quiet, Latency Flooded, Latency PoisonAlone, Latency FloodReturns, (string Kind, Latency Latency)[] ByKind, FloodRun Flood);
}

/// <summary>Latency percentiles (ms) of a run, or of the messages of a run that <c>include</c> selects.</summary>
public sealed record Latency(int Count, double P50, double P95, double Max)
{
    public static Latency Of(Run run, Func<int, bool>? include = null)
    {
        var sorted = run.Latencies(include);
        return new Latency(sorted.Length, Run.Percentile(sorted, 0.50), Run.Percentile(sorted, 0.95), sorted[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} messages: p50 {P50:0.0} ms, p95 {P95:0.0} ms, max {Max:0.0} ms");
}
