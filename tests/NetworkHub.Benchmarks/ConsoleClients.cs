using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NetworkHub.LiveConsole.Access;

namespace NetworkHub.Benchmarks;

/// <summary>What the console process measured: latencies over every (console, event) pair received in the window.</summary>
public sealed record ConsoleClientsReport(int Consoles, long Events, double EventsPerSecond, double P50Ms, double P99Ms, double MaxMs, double CpuCores);

/// <summary>
/// The consoles of <see cref="ConsoleBenchmark"/>, in a process of their own: signs in as the operations team and as
/// each organisation's operator, opens one SignalR connection per console, says "ready", records from the end of the
/// warm-up for the given seconds how long each live event took from being raised to arriving, and prints a JSON report.
/// </summary>
public static class ConsoleClients
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var (hub, consoles, warmup, seconds, password, organisations) = ((Uri?)null, 200, 5, 20, "", Array.Empty<string>());
        var reader = new OptionReader(args.Skip(1).ToArray());
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "--hub": hub = new Uri(reader.Value()); break;
                case "--consoles": consoles = reader.Number(); break;
                case "--warmup": warmup = reader.Number(); break;
                case "--seconds": seconds = reader.Number(); break;
                case "--password": password = reader.Value(); break;
                case "--organisations": organisations = reader.Value().Split(','); break;
                default: throw new ArgumentException($"Unknown option {reader.Name}.");
            }
        }

        // A quarter watch everything (the operations team), the others one organisation each.
        var users = Enumerable.Range(0, consoles)
            .Select(i => i % 4 == 0 ? "operations" : $"operator-{organisations[i % organisations.Length]}")
            .ToArray();
        var cookies = new Dictionary<string, CookieContainer>();
        foreach (var user in users.Distinct())
        {
            cookies[user] = await SignInAsync(hub!, user, password);
        }

        var recording = false;
        var samples = users.Select(_ => new List<double>(capacity: 1 << 16)).ToArray();
        var connections = new List<HubConnection>();
        for (var i = 0; i < consoles; i++)
        {
            var mine = samples[i];
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(hub!, "/hubs/console"), HttpTransportType.WebSockets, o =>
                {
                    o.Cookies = cookies[users[i]];
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<JsonElement>("activity", batch =>
            {
                var received = DateTimeOffset.UtcNow;
                if (!Volatile.Read(ref recording))
                {
                    return;
                }

                foreach (var row in batch.GetProperty("feed").EnumerateArray())
                {
                    mine.Add((received - row.GetProperty("at").GetDateTimeOffset()).TotalMilliseconds);
                }
            });
            await connection.StartAsync();
            connections.Add(connection);
        }

        Console.WriteLine("ready");
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        Volatile.Write(ref recording, true);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref recording, false);
        process.Refresh();
        var cores = (process.TotalProcessorTime - cpu).TotalSeconds / seconds;
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

        // The handlers of one connection run one at a time, and recording has stopped: the lists are settled.
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        var report = all.Length == 0
            ? new ConsoleClientsReport(consoles, 0, 0, double.NaN, double.NaN, double.NaN, cores)
            : new ConsoleClientsReport(consoles, all.Length, all.Length / (double)seconds, Run.Percentile(all, 0.50), Run.Percentile(all, 0.99), all[^1], cores);
        Console.WriteLine(JsonSerializer.Serialize(report, Json));
        return 0;
    }

    private static async Task<CookieContainer> SignInAsync(Uri hub, string user, string password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = hub };
        using var response = await http.PostAsync(ConsoleAuthentication.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user,
            ["password"] = password,
            ["returnUrl"] = "/console",
        }));
        if (response.Headers.Location?.OriginalString != "/console")
        {
            throw new InvalidOperationException($"Signing in as {user} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return cookies;
    }
}
