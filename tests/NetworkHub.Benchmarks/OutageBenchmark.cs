using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// A database outage under steady traffic, as an operator would see it: a school sends a signal every interval
/// while PostgreSQL is stopped for a while. Reports when intake paused and resumed (readiness of the intake check),
/// how long the backlog took, and what arrived at the wijkteam counted by raw deliveries: lost and duplicated.
/// <c>dotnet run -c Release --project tests/NetworkHub.Benchmarks -- outage [--signals 200] [--interval-ms 250]
/// [--stop-after 40] [--outage-seconds 30]</c>
/// </summary>
public static class OutageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (signals, interval, stopAfter, outage) = (200, 250, 40, 30);
        var reader = new OptionReader(args.Skip(1).ToArray());
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "--signals": signals = reader.Number(); break;
                case "--interval-ms": interval = reader.Number(); break;
                case "--stop-after": stopAfter = reader.Number(); break;
                case "--outage-seconds": outage = reader.Number(); break;
                default: throw new ArgumentException($"Unknown option {reader.Name}.");
            }
        }

        await using var node = await RabbitMqNode.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("networkhub_outage");
        await using var hub = await BenchmarkHub.StartAsync(node, "bench-outage", HubScenario.Organisations, connectionString);

        var clock = Stopwatch.StartNew();
        var deliveries = new ConcurrentDictionary<Guid, int>();
        var lastDelivery = TimeSpan.Zero;
        var consented = new TaskCompletionSource();
        await hub.ConnectAsync(HubScenario.Wijkteam, (_, _) => Task.FromResult(DeliveryOutcome.Accepted), new CountingStore(id =>
        {
            deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
            lastDelivery = clock.Elapsed;
        }));
        var school = await hub.ConnectAsync(HubScenario.School, (message, _) =>
        {
            if (message is Acknowledgement { AcknowledgedBy: "hub" })
            {
                consented.TrySetResult();
            }

            return Task.FromResult(DeliveryOutcome.Accepted);
        });
        await school.SendAsync(HubScenario.Consent());
        await consented.Task.WaitAsync(TimeSpan.FromMinutes(1));

        var readiness = hub.Services.GetRequiredService<HealthCheckService>();
        TimeSpan? stopped = null, started = null, paused = null, resumed = null;
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                var intake = (await readiness.CheckHealthAsync(c => c.Name == "intake")).Status;
                if (stopped is not null && paused is null && intake == HealthStatus.Unhealthy)
                {
                    paused = clock.Elapsed;
                }

                if (started is not null && paused is not null && resumed is null && intake == HealthStatus.Healthy)
                {
                    resumed = clock.Elapsed;
                }

                await Task.Delay(50);
            }
        });

        Task? outageTask = null;
        var sent = new List<Guid>();
        for (var i = 0; i < signals; i++)
        {
            if (i == stopAfter)
            {
                outageTask = Task.Run(async () =>
                {
                    stopped = clock.Elapsed;
                    await postgres.StopAsync();
                    await Task.Delay(TimeSpan.FromSeconds(outage));
                    await postgres.StartAgainAsync();
                    started = clock.Elapsed;
                });
            }

            var signal = HubScenario.Signal();
            await SendUntilTakenAsync(school, signal);
            sent.Add(signal.MessageId);
            await Task.Delay(interval);
        }

        await outageTask!;
        var giveUp = clock.Elapsed + TimeSpan.FromMinutes(5);
        while (sent.Any(id => !deliveries.ContainsKey(id)) && clock.Elapsed < giveUp)
        {
            await Task.Delay(100);
        }

        await watching.CancelAsync();
        await watch;
        var lost = sent.Count(id => !deliveries.ContainsKey(id));
        var duplicated = sent.Sum(id => Math.Max(0, deliveries.GetValueOrDefault(id) - 1));
        Console.WriteLine($"""
            | Outage of PostgreSQL under traffic | Value |
            |---|---|
            | Signals sent (one per {interval} ms) | {signals} |
            | Database stopped at / started again at | {stopped:mm\:ss\.f} / {started:mm\:ss\.f} |
            | Intake paused after the stop | {Seconds(paused - stopped)} |
            | Intake resumed after the start | {Seconds(resumed - started)} |
            | Last signal delivered after the start | {Seconds(lastDelivery - started)} |
            | Lost (never delivered) | {lost} |
            | Duplicated (raw deliveries beyond one) | {duplicated} |
            """);
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.0} s" : "never";

    /// <summary>As a partner system should: each signal is sent until the broker confirms it.</summary>
    private static async Task SendUntilTakenAsync(HubClient school, Signaal signal)
    {
        while (true)
        {
            try
            {
                await school.SendAsync(signal);
                return;
            }
            catch (Exception) when (!Environment.HasShutdownStarted)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Counts every delivery the broker hands the wijkteam's client, before the client's own dedupe.</summary>
    private sealed class CountingStore(Action<Guid> delivered) : InMemoryProcessedMessageStore, IProcessedMessageStore
    {
        Task<DeliveryOutcome> IProcessedMessageStore.GetOrHandleAsync(Guid messageId, Func<Task<DeliveryOutcome>> handle)
        {
            delivered(messageId);
            return GetOrHandleAsync(messageId, handle);
        }
    }
}
