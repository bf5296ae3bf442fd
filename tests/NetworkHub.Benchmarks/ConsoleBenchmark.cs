using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Live;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Live;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// What live consoles cost the hub: activity raised at a steady rate (as committed transactions raise it) goes through
/// the broker's fan-out and the console's batching to many signed-in consoles, each a SignalR connection in a separate
/// process (so the hub's CPU is measured alone). Reports event-to-screen latency (raised to received by the console's
/// connection, JSON read) and the hub process's CPU with the consoles connected, next to the same events with none.
/// <c>dotnet run -c Release --project tests/NetworkHub.Benchmarks -- consoles [--consoles 200] [--rate 1000]
/// [--seconds 20] [--warmup 5] [--output PATH]</c>
/// </summary>
public static class ConsoleBenchmark
{
    private const string Password = "console-benchmark";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A region's worth of organisations, so operators' scoping splits the traffic as it would in practice.</summary>
    private static readonly TestOrganisation[] Organisations =
    [
        new("school-de-regenboog", "Basisschool De Regenboog", OrganisationType.School),
        new("school-het-kompas", "Basisschool Het Kompas", OrganisationType.School),
        new("wijkteam-noord", "Sociaal Wijkteam Noord", OrganisationType.Wijkteam),
        new("wijkteam-zuid", "Sociaal Wijkteam Zuid", OrganisationType.Wijkteam),
        new("veilig-thuis-ijsselland", "Veilig Thuis IJsselland", OrganisationType.VeiligThuis),
        new("gi-jeugdbescherming", "Jeugdbescherming Overijssel", OrganisationType.GecertificeerdeInstelling),
        new("huisarts-de-linde", "Huisartsenpraktijk De Linde", OrganisationType.Huisarts),
        new("jgz-ijsselland", "JGZ IJsselland", OrganisationType.Jgz),
        new("schuldhulp-zwolle", "Schuldhulp Zwolle", OrganisationType.Schuldhulp),
        new("leerplicht-zwolle", "Leerplicht Zwolle", OrganisationType.Leerplicht),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var (consoles, rate, seconds, warmup, output) = (200, 1000, 20, 5, (string?)null);
        var reader = new OptionReader(args.Skip(1).ToArray());
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "--consoles": consoles = reader.Number(); break;
                case "--rate": rate = reader.Number(); break;
                case "--seconds": seconds = reader.Number(); break;
                case "--warmup": warmup = reader.Number(); break;
                case "--output": output = reader.Value(); break;
                default: throw new ArgumentException($"Unknown option {reader.Name}.");
            }
        }

        Console.WriteLine($"NetworkHub console benchmark: {rate} events/s for {seconds} s (after {warmup} s warm-up), with no console and with {consoles}.");
        var load = new List<string> { LoadAverage() };
        await using var node = await RabbitMqNode.StartAsync();
        Console.WriteLine($"{node} ready in {node.LastStartDuration.TotalSeconds:0.0} s.");
        var rabbitMq = await BenchmarkEnvironment.RabbitMqVersionAsync(node);
        await using var hub = await BenchmarkHub.StartAsync(node, "bench-consoles", Organisations, postgresConnectionString: null);

        var broadcaster = hub.Services.GetRequiredService<ConsoleBroadcaster>();
        var injector = new ActivityInjector(hub.Services.GetRequiredService<IActivitySink>(), rate);

        Console.WriteLine("no console connected: measuring…");
        await injector.RunAsync(TimeSpan.FromSeconds(warmup), CancellationToken.None);
        var alone = await CpuOverAsync(() => injector.RunAsync(TimeSpan.FromSeconds(seconds), CancellationToken.None));
        load.Add(LoadAverage());

        Console.WriteLine($"{consoles} consoles: connecting…");
        var droppedBefore = broadcaster.Dropped;
        using var clients = StartClients(hub, Organisations, consoles, warmup, seconds);
        await WaitForLineAsync(clients, "ready", TimeSpan.FromMinutes(3));
        Console.WriteLine($"{consoles} consoles: measuring…");
        using var stop = new CancellationTokenSource();
        var injecting = injector.RunAsync(TimeSpan.FromHours(1), stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var withConsoles = await CpuOverAsync(() => Task.Delay(TimeSpan.FromSeconds(seconds)));
        var report = await WaitForLineAsync(clients, "{", TimeSpan.FromMinutes(2));
        await stop.CancelAsync();
        await injecting;
        await clients.WaitForExitAsync();
        load.Add(LoadAverage());

        // Measured again once the consoles are gone: the first stretch may still include the runtime's tiered compilation.
        Console.WriteLine("no console connected again: measuring…");
        var aloneAfter = await CpuOverAsync(() => injector.RunAsync(TimeSpan.FromSeconds(seconds), CancellationToken.None));
        load.Add(LoadAverage());

        var result = JsonSerializer.Deserialize<ConsoleClientsReport>(report, ConsoleClients.Json)!;
        var dropped = broadcaster.Dropped - droppedBefore;
        Console.WriteLine($"event to screen p50 {result.P50Ms:0} ms, p99 {result.P99Ms:0} ms; hub CPU {alone:0.00} / {aloneAfter:0.00} cores alone (before / after), {withConsoles:0.00} with consoles; dropped {dropped}");
        var path = output ?? Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks-console.md");
        await File.WriteAllTextAsync(path, Markdown(args[1..], consoles, rate, seconds, result, alone, aloneAfter, withConsoles, dropped, rabbitMq, load));
        Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
        return result.Consoles == consoles && dropped == 0 ? 0 : 1;
    }

    /// <summary>The hub process's CPU over <paramref name="work"/>, in cores (1.0 = one core busy the whole time).</summary>
    private static async Task<double> CpuOverAsync(Func<Task> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await work();
        process.Refresh();
        return (process.TotalProcessorTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Signs the consoles' accounts up (the operations team and an operator per organisation) and starts the consoles in a
    /// process of their own (this program, mode <c>console-clients</c>), so the hub's CPU is measured alone.
    /// </summary>
    internal static Process StartClients(BenchmarkHub hub, IEnumerable<TestOrganisation> organisations, int consoles, int warmup, int seconds)
    {
        var accounts = hub.Services.GetRequiredService<LocalAccounts>();
        accounts.Add("operations", ConsoleRoles.Operator, ConsoleRoles.OperationsTeam, Password);
        foreach (var organisation in organisations)
        {
            accounts.Add($"operator-{organisation.Code}", ConsoleRoles.Operator, organisation.Code, Password);
        }

        var address = hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ConsoleBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "console-clients", "--hub", address, "--consoles", $"{consoles}", "--warmup", $"{warmup}", "--seconds", $"{seconds}",
                     "--password", Password, "--organisations", string.Join(',', organisations.Select(o => o.Code)) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    internal static async Task<string> WaitForLineAsync(Process process, string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }

            Console.WriteLine($"  consoles: {line}");
        }

        throw new InvalidOperationException($"The console process ended before it said \"{prefix}\".");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string Markdown(string[] arguments, int consoles, int rate, int seconds, ConsoleClientsReport result, double alone, double aloneAfter, double withConsoles,
        long dropped, string rabbitMq, IReadOnlyList<string> load)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark: live consoles");
        md.AppendLine();
        md.AppendLine($"Command: `dotnet run -c Release --project tests/NetworkHub.Benchmarks -- consoles{(arguments.Length > 0 ? " " + string.Join(' ', arguments) : "")}`");
        md.AppendLine();
        md.AppendLine($"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, RabbitMQ {rabbitMq}, SQLite; " +
                      $"load average {string.Join(" → ", load)} (before, after the first run without consoles, after the consoles, at the end).");
        md.AppendLine();
        md.AppendLine($"The hub raises {rate} activity events a second for {seconds} s (synthetic hand-offs between {Organisations.Length} organisations, " +
                      "given to the hub's activity sink as committed transactions give them). They go through the broker's fan-out exchange " +
                      "(`hub.console`), the instance's queue and the console's broadcaster, which sends each group one batch about once a second. " +
                      $"{consoles} consoles are signed in, one SignalR WebSocket each, in a separate process: a quarter as the operations team " +
                      "(everything), the rest as operators of one organisation each (their organisation's traffic only). The same events are " +
                      "raised with no console connected before the consoles connect and again after they leave.");
        md.AppendLine();
        md.AppendLine("| | value |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| consoles connected | {result.Consoles} |");
        md.AppendLine($"| events raised per second | {rate} |");
        md.AppendLine($"| events received by all consoles together, per second | {result.EventsPerSecond.ToString("0", Invariant)} |");
        md.AppendLine($"| event to screen p50 / p99 / max | {result.P50Ms:0} / {result.P99Ms:0} / {result.MaxMs:0} ms |");
        md.AppendLine($"| hub process CPU, no console (before / after the consoles) | {alone.ToString("0.00", Invariant)} / {aloneAfter.ToString("0.00", Invariant)} cores |");
        md.AppendLine($"| hub process CPU, {consoles} consoles | {withConsoles.ToString("0.00", Invariant)} cores |");
        md.AppendLine($"| consoles' process CPU (the 'browsers') | {result.CpuCores.ToString("0.00", Invariant)} cores |");
        md.AppendLine($"| activity dropped by the broadcaster | {dropped} |");
        md.AppendLine();
        md.AppendLine("Event to screen is from the moment the hub raised the event to the moment a console's connection received the batch " +
                      "holding it and read it (not the browser's paint). The broadcaster sends once a second, so about half a second of the " +
                      "p50 is the batching itself. Percentiles are nearest-rank over every (console, event) pair. The hub process's CPU " +
                      "includes raising the events. Numbers move with the machine's load: broker, hub and consoles share its cores.");
        return md.ToString();
    }

    /// <summary>Raises synthetic hand-offs at a steady rate, one committed transaction's worth at a time.</summary>
    private sealed class ActivityInjector(IActivitySink sink, int rate)
    {
        private long _raised;

        public async Task RunAsync(TimeSpan duration, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            var raised = 0L;
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * rate);
                for (; raised < due; raised++)
                {
                    sink.Publish([Next()]);
                }

                await Task.Delay(1, CancellationToken.None);
            }
        }

        private HandOffAccepted Next()
        {
            var n = Interlocked.Increment(ref _raised);
            var sender = Organisations[(int)(n % Organisations.Length)].Code;
            var recipient = Organisations[(int)((n * 7 + 3) % Organisations.Length)].Code;
            return new HandOffAccepted(Guid.NewGuid(), Guid.NewGuid(), "Signal", sender, recipient == sender ? [Organisations[0].Code] : [recipient],
                DateTimeOffset.UtcNow);
        }
    }
}
