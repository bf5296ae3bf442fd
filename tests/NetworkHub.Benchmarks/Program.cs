using System.Diagnostics;
using NetworkHub.Benchmarks;
using NetworkHub.Testing;

if (args is ["audit", ..])
{
    return await AuditBenchmark.RunAsync(args);
}

if (args is ["deadlines", ..])
{
    return await DeadlineBenchmark.RunAsync(args);
}

if (args is ["outage", ..])
{
    return await OutageBenchmark.RunAsync(args);
}

if (args is ["steering", ..])
{
    return await SteeringBenchmark.RunAsync(args);
}

if (args is ["workflows", ..])
{
    return await WorkflowBenchmark.RunAsync(args);
}

if (args is ["flood", ..])
{
    return await FloodBenchmark.RunAsync(args);
}

if (args is ["consoles", ..])
{
    return await ConsoleBenchmark.RunAsync(args);
}

if (args is ["console-clients", ..])
{
    return await ConsoleClients.RunAsync(args);
}

if (args is ["--help" or "-h", ..])
{
    Console.WriteLine("""
        dotnet run -c Release --project tests/NetworkHub.Benchmarks -- [mode] [options]

          (no mode)  hub vs raw RabbitMQ.Client, end to end (docs/benchmarks.md):
                     --messages N, --warmup N, --concurrency N, --payload BYTES, --pupils N, --postgres [true|false], --no-postgres,
                     --telemetry [true|false] (the hub exports over OTLP to a receiver on loopback),
                     --consoles N (live consoles watch the hub's traffic from another process), --output PATH
          workflows  warm hand-overs from offer to completion (docs/benchmarks-workflows.md):
                     --handovers N, --warmup N, --concurrency N[,N…], --postgres [true|false], --no-postgres, --output PATH
          flood      another partner's latency while one partner floods the ingress with poison (docs/benchmarks-flood.md):
                     --signals N, --interval-ms N, --flood N, --window N, --returns N, --warmup N, --postgres [true|false], --no-postgres, --output PATH
          outage     PostgreSQL stopped under steady traffic: intake pause and recovery, lost and duplicated (docs/benchmarks-outage.md):
                     --signals N, --interval-ms N, --stop-after N, --outage-seconds N
          deadlines  how late deadlines fire with many pending (docs/benchmarks-deadlines.md):
                     --pending N, --due N, --scan-ms N
          consoles   live consoles: event-to-screen latency and the hub's CPU with many consoles connected (docs/benchmarks-console.md):
                     --consoles N, --rate EVENTS_PER_SECOND, --seconds N, --warmup N, --output PATH
          steering   a year of a region's traffic: hand-overs by origin, a case's history, sturingsinformatie (docs/benchmarks-steering.md):
                     --year YYYY, --repeats N, --output PATH
          audit      who-received queries and chain verification on a large access log (docs/benchmarks-audit.md):
                     --rows N, --queries N, --output PATH
        """);
    return 0;
}

var options = BenchmarkOptions.Parse(args);
var timeout = TimeSpan.FromMinutes(10);
var results = new List<RunResult>();
var versions = new Dictionary<string, string>();

Console.WriteLine($"NetworkHub end-to-end benchmark: {options.Messages} messages after {options.Warmup} warm-up, " +
                  $"{options.Concurrency} sends in flight, {options.PayloadBytes}-byte payloads.");

// A broker of its own, so every scenario shares one broker that nothing else uses.
var clock = Stopwatch.StartNew();
await using var node = await RabbitMqNode.StartAsync();
Console.WriteLine($"{node} ready in {node.LastStartDuration.TotalSeconds:0.0} s.");
versions["RabbitMQ"] = await BenchmarkEnvironment.RabbitMqVersionAsync(node);

await using (var raw = await RawRabbitScenario.StartAsync(node))
{
    Console.WriteLine("raw RabbitMQ.Client: warming up…");
    await raw.RunAsync(options.Warmup, options.PayloadBytes, options.Concurrency, timeout);
    Console.WriteLine("raw RabbitMQ.Client: measuring…");
    var run = await raw.RunAsync(options.Messages, options.PayloadBytes, options.Concurrency, timeout);
    results.Add(Report(run.Summarise("raw RabbitMQ.Client", "2 confirmed hops, quorum queues")));
}

await using var otlp = options.Telemetry ? DummyOtlpReceiver.Start() : null;
var telemetry = (otlp is null ? "" : ", telemetry on") + (options.Consoles > 0 ? $", {options.Consoles} consoles" : "");
await RunHubAsync($"hub on SQLite{telemetry}", "bench-hub-sqlite", postgresConnectionString: null);

if (options.Postgres)
{
    await using var postgres = await PostgresServer.StartAsync();
    var connectionString = await postgres.CreateDatabaseAsync("networkhub_bench");
    versions["PostgreSQL"] = await BenchmarkEnvironment.PostgresVersionAsync(connectionString);
    await RunHubAsync($"hub on PostgreSQL{telemetry}", "bench-hub-postgres", connectionString);
}

if (otlp is not null)
{
    Console.WriteLine($"The hubs exported {otlp.Exports} OTLP requests, {otlp.Bytes / 1024d / 1024d:0.0} MiB.");
}

Console.WriteLine();
var markdown = BenchmarkReport.Markdown(options, args, results, versions, clock.Elapsed);
Console.WriteLine(BenchmarkReport.Table(results));
var output = options.Output ?? BenchmarkReport.DefaultOutput();
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
return 0;

async Task RunHubAsync(string scenario, string name, string? postgresConnectionString)
{
    await using var hub = await HubScenario.StartAsync(node, name, postgresConnectionString, options.Pupils, otlp?.HubArguments ?? []);
    using var consoles = options.Consoles > 0 ? ConsoleBenchmark.StartClients(hub.Hub, HubScenario.Organisations, options.Consoles, warmup: 1, seconds: 3600) : null;
    try
    {
        if (consoles is not null)
        {
            await ConsoleBenchmark.WaitForLineAsync(consoles, "ready", TimeSpan.FromMinutes(3));
        }

        Console.WriteLine($"{scenario}: warming up…");
        await hub.RunAsync(options.Warmup, options.PayloadBytes, options.Concurrency, timeout);
        await hub.WaitForAcknowledgementsAsync(options.Warmup, timeout);
        Console.WriteLine($"{scenario}: measuring…");
        var run = await hub.RunAsync(options.Messages, options.PayloadBytes, options.Concurrency, timeout);
        var tail = await hub.WaitForAcknowledgementsAsync(options.Warmup + options.Messages, timeout);
        results.Add(Report(run.Summarise(scenario,
            $"all {options.Messages} acknowledgements back at the school {tail.TotalSeconds:0.0} s after the last arrival")));
    }
    finally
    {
        consoles?.Kill(); // they would watch for an hour otherwise, also when the run failed
    }
}

static RunResult Report(RunResult result)
{
    Console.WriteLine($"  {result.MessagesPerSecond:0} msg/s, p50 {result.P50:0.0} ms, p95 {result.P95:0.0} ms, p99 {result.P99:0.0} ms ({result.Elapsed.TotalSeconds:0.0} s)");
    return result;
}
