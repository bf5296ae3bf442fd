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
            var (results, versions, stepBytes) = await MeasureAsync(options);
            Console.WriteLine();
            Console.WriteLine(BenchmarkReport.Table([.. results.Select(r => r.Result)], "trans/s"));
            var output = options.Output ?? Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks-workflows.md");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, WorkflowReport.Markdown(options, arguments, results, versions, stepBytes, clock.Elapsed));
            Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
            return 0;
        }
        catch (BenchmarkFailedException e)
        {
            Console.Error.WriteLine($"Workflow benchmark FAILED: {e.Message}");
            return 1;
        }
    }

    private static async Task<(List<WorkflowResult> Results, Dictionary<string, string> Versions, int StepBytes)> MeasureAsync(WorkflowOptions options)
    {
        var results = new List<WorkflowResult>();
        var versions = new Dictionary<string, string>();
        var steps = WorkflowScenario.Steps;
        var stepBytes = WorkflowScenario.AverageStepBytes();
        Console.WriteLine($"NetworkHub workflow benchmark: {options.HandOvers} warm hand-overs ({options.HandOvers * steps.Count} transitions) " +
                          $"after {options.Warmup} warm-up, {options.Concurrency} under way.");

        await using var node = await RabbitMqNode.StartAsync(new RabbitMqNodeOptions { ExternalBrokerUrl = null });
        Console.WriteLine($"RabbitMQ node {node.NodeName} ready in {node.LastStartDuration.TotalSeconds:0.0} s.");
        versions["RabbitMQ"] = await BenchmarkEnvironment.RabbitMqVersionAsync(node);

        await using (var raw = await RawRabbitScenario.StartAsync(node))
        {
            Console.WriteLine("raw RabbitMQ.Client: warming up…");
            await raw.RunChainsAsync(options.Warmup, steps, stepBytes, options.Concurrency, Stall);
            Console.WriteLine("raw RabbitMQ.Client: measuring…");
            var run = await raw.RunChainsAsync(options.HandOvers, steps, stepBytes, options.Concurrency, Stall);
            results.Add(Report(run, "raw RabbitMQ.Client",
                $"{options.HandOvers} chains of {steps.Count} messages, 2 confirmed hops each through quorum queues"));
        }

        await MeasureHubAsync("hub on SQLite", "bench-workflows-sqlite", postgresConnectionString: null);
        if (options.Postgres)
        {
            await using var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { ExternalConnectionString = null });
            var connectionString = await postgres.CreateDatabaseAsync("networkhub_workflows");
            versions["PostgreSQL"] = await BenchmarkEnvironment.PostgresVersionAsync(connectionString);
            await MeasureHubAsync("hub on PostgreSQL", "bench-workflows-postgres", connectionString);
        }

        return (results, versions, stepBytes);

        async Task MeasureHubAsync(string scenario, string name, string? postgresConnectionString)
        {
            await using var hub = await WorkflowScenario.StartAsync(node, name, postgresConnectionString);
            Console.WriteLine($"{scenario}: warming up…");
            await hub.RunAsync(options.Warmup, options.Concurrency, Stall);
            await hub.WaitForAcknowledgementsAsync(Stall);
            Console.WriteLine($"{scenario}: measuring…");
            var run = await hub.RunAsync(options.HandOvers, options.Concurrency, Stall);
            var tail = await hub.WaitForAcknowledgementsAsync(Stall);
            var verified = await hub.VerifyAsync();
            Console.WriteLine($"  verified: {verified}");
            results.Add(Report(run, scenario,
                $"{options.HandOvers} hand-overs from offer to completion; every acknowledgement back {tail.TotalSeconds:0.0} s after the last step arrived; {verified}"));
        }
    }

    private static WorkflowResult Report(Run run, string scenario, string notes)
    {
        var result = new WorkflowResult(run.Summarise(scenario, notes), run.Latencies().Average(), [.. Enumerable.Range(0, WorkflowScenario.Steps.Count).Select(step =>
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

/// <summary>One scenario's transitions, and the latency of each lifecycle step on its own.</summary>
public sealed record WorkflowResult(RunResult Result, double MeanLatency, IReadOnlyList<StepLatency> Steps);

public sealed record StepLatency(double P50, double P95);
