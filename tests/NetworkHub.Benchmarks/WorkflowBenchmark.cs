using System.Diagnostics;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// State transitions per second through the hub's warm hand-over workflow on RabbitMQ, with a raw
/// <c>RabbitMQ.Client</c> baseline of the same shape measured in the same run on the same private node. Fails
/// (exit code 1) when a step is refused, a hand-over gets stuck, or the hub's records do not show every hand-over
/// completed. Writes docs/benchmarks-workflows.md.
/// </summary>
public static class WorkflowBenchmark
{
    /// <summary>How long nothing may arrive while steps are outstanding before the run counts as stuck.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = args[1..];
        var options = WorkflowOptions.Parse(arguments);
        try
        {
            var clock = Stopwatch.StartNew();
            var measurement = await MeasureAsync(options);
            var results = measurement.Results;
            Console.WriteLine();
            Console.WriteLine(BenchmarkReport.Table([.. results.Select(r => r.Result)], "trans/s",
                r => results.RawFor(results.Single(w => ReferenceEquals(w.Result, r)))));
            var output = options.Output ?? Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks-workflows.md");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, WorkflowReport.Markdown(options, arguments, measurement, clock.Elapsed));
            Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
            return 0;
        }
        catch (BenchmarkFailedException e)
        {
            Console.Error.WriteLine($"Workflow benchmark FAILED: {e.Message}");
            return 1;
        }
    }

    private static async Task<WorkflowMeasurement> MeasureAsync(WorkflowOptions options)
    {
        var results = new List<WorkflowResult>();
        var versions = new Dictionary<string, string>();
        var verified = new Dictionary<string, string>();
        var steps = WorkflowScenario.Steps;
        var stepBytes = WorkflowScenario.AverageStepBytes();
        Console.WriteLine($"NetworkHub workflow benchmark: {options.HandOvers} warm hand-overs ({options.HandOvers * steps.Count} transitions) " +
                          $"after {options.Warmup} warm-up, with {string.Join(" and ", options.Concurrency)} under way.");

        await using var node = await RabbitMqNode.StartAsync();
        Console.WriteLine($"{node} ready in {node.LastStartDuration.TotalSeconds:0.0} s.");
        versions["RabbitMQ"] = await BenchmarkEnvironment.RabbitMqVersionAsync(node);

        await using (var raw = await RawRabbitScenario.StartAsync(node))
        {
            Console.WriteLine("raw RabbitMQ.Client: warming up…");
            await raw.RunChainsAsync(options.Warmup, steps, stepBytes, options.Concurrency[0], Stall);
            foreach (var concurrency in options.Concurrency)
            {
                Console.WriteLine($"raw RabbitMQ.Client, {concurrency} under way: measuring…");
                var run = await raw.RunChainsAsync(options.HandOvers, steps, stepBytes, concurrency, Stall);
                results.Add(Report(run, WorkflowResult.Raw, concurrency,
                    $"{options.HandOvers} chains of {steps.Count} messages, 2 confirmed hops each through quorum queues"));
            }
        }

        await MeasureHubAsync("hub on SQLite", "bench-workflows-sqlite", postgresConnectionString: null);
        if (options.Postgres)
        {
            await using var postgres = await PostgresServer.StartAsync();
            var connectionString = await postgres.CreateDatabaseAsync("networkhub_workflows");
            versions["PostgreSQL"] = await BenchmarkEnvironment.PostgresVersionAsync(connectionString);
            await MeasureHubAsync("hub on PostgreSQL", "bench-workflows-postgres", connectionString);
        }

        return new WorkflowMeasurement(results, versions, verified, stepBytes);

        async Task MeasureHubAsync(string scenario, string name, string? postgresConnectionString)
        {
            await using var hub = await WorkflowScenario.StartAsync(node, name, postgresConnectionString);
            Console.WriteLine($"{scenario}: warming up…");
            await hub.RunAsync(options.Warmup, options.Concurrency[0], Stall);
            await hub.WaitForAcknowledgementsAsync(Stall);
            var measured = new List<(Run Run, int Concurrency, TimeSpan Tail)>();
            foreach (var concurrency in options.Concurrency)
            {
                Console.WriteLine($"{scenario}, {concurrency} under way: measuring…");
                var run = await hub.RunAsync(options.HandOvers, concurrency, Stall);
                measured.Add((run, concurrency, await hub.WaitForAcknowledgementsAsync(Stall)));
            }

            verified[scenario] = await hub.VerifyAsync();
            Console.WriteLine($"  verified: {verified[scenario]}");
            foreach (var (run, concurrency, tail) in measured)
            {
                results.Add(Report(run, scenario, concurrency,
                    $"{options.HandOvers} hand-overs from offer to completion; every acknowledgement back {tail.TotalSeconds:0.0} s after the last step arrived"));
            }
        }
    }

    private static WorkflowResult Report(Run run, string scenario, int concurrency, string notes)
    {
        var result = new WorkflowResult(run.Summarise($"{scenario}, {concurrency} under way", notes), scenario, concurrency,
            run.Latencies().Average(), [.. Enumerable.Range(0, WorkflowScenario.Steps.Count).Select(step =>
            {
                var latencies = run.Latencies(i => i % WorkflowScenario.Steps.Count == step);
                return new StepLatency(Run.Percentile(latencies, 0.50), Run.Percentile(latencies, 0.95));
            })]);
        var r = result.Result;
        Console.WriteLine($"  {r.MessagesPerSecond:0} transitions/s, p50 {r.P50:0.0} ms, p95 {r.P95:0.0} ms, p99 {r.P99:0.0} ms ({r.Elapsed.TotalSeconds:0.0} s)");
        Console.WriteLine($"  per step p50/p95 ms: {string.Join(", ", WorkflowScenario.Steps.Zip(result.Steps, (name, s) => $"{name} {s.P50:0.0}/{s.P95:0.0}"))}");
        return result;
    }
}

/// <param name="Verified">Per hub scenario, what its final check found in the hub's database.</param>
/// <param name="StepBytes">The raw baseline's message size.</param>
public sealed record WorkflowMeasurement(
    IReadOnlyList<WorkflowResult> Results, IReadOnlyDictionary<string, string> Versions, IReadOnlyDictionary<string, string> Verified, int StepBytes);

/// <summary>One scenario at one concurrency: its transitions, and the latency of each lifecycle step on its own.</summary>
public sealed record WorkflowResult(RunResult Result, string Scenario, int Concurrency, double MeanLatency, IReadOnlyList<StepLatency> Steps)
{
    public const string Raw = "raw RabbitMQ.Client";
}

public sealed record StepLatency(double P50, double P95);

public static class WorkflowResults
{
    /// <summary>The raw baseline measured at the same concurrency as <paramref name="result"/>.</summary>
    public static RunResult RawFor(this IEnumerable<WorkflowResult> results, WorkflowResult result) =>
        results.First(r => r.Scenario == WorkflowResult.Raw && r.Concurrency == result.Concurrency).Result;
}
