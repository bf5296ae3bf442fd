using System.Diagnostics;

namespace NetworkHub.Benchmarks;

/// <summary>
/// One batch of messages: when each send started and when each message first reached the final consumer.
/// Redeliveries (at-least-once) keep the first arrival.
/// </summary>
public sealed class Run(int count)
{
    private readonly long[] _started = new long[count];
    private readonly long[] _arrived = new long[count];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrivals;

    public int Count { get; } = count;

    public int Arrivals => Volatile.Read(ref _arrivals);

    /// <summary>Completes when every message has arrived.</summary>
    public Task Completion => _complete.Task;

    public void Started(int index) => _started[index] = Stopwatch.GetTimestamp();

    public bool HasArrived(int index) => Volatile.Read(ref _arrived[index]) != 0;

    /// <summary>Records the first arrival of a message; false for a redelivery or an index outside the batch.</summary>
    public bool Arrived(int index)
    {
        if ((uint)index >= (uint)Count || Interlocked.CompareExchange(ref _arrived[index], Stopwatch.GetTimestamp(), 0) != 0)
        {
            return false;
        }

        if (Interlocked.Increment(ref _arrivals) == Count)
        {
            _complete.TrySetResult();
        }

        return true;
    }

    /// <summary>Sends every message with at most <paramref name="concurrency"/> sends in flight, then waits for all arrivals.</summary>
    public async Task DriveAsync(Func<int, Task> send, int concurrency, TimeSpan timeout)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var sends = new Task[Count];
        for (var i = 0; i < Count; i++)
        {
            await gate.WaitAsync();
            Started(i);
            sends[i] = SendOneAsync(i);
        }

        await Task.WhenAll(sends);
        try
        {
            await _complete.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Arrivals} of {Count} messages arrived within {timeout}.");
        }

        async Task SendOneAsync(int index)
        {
            try
            {
                await send(index);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    public RunResult Summarise(string scenario, string notes)
    {
        var latencies = Latencies();
        var elapsed = Stopwatch.GetElapsedTime(_started.Min(), _arrived.Max());
        return new RunResult(scenario, Count, elapsed, Count / elapsed.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies[^1], notes);
    }

    /// <summary>Send-to-arrival times in milliseconds, sorted; of the messages <paramref name="include"/> selects, or all.</summary>
    public double[] Latencies(Func<int, bool>? include = null)
    {
        var latencies = new List<double>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (include is null || include(i))
            {
                latencies.Add(Stopwatch.GetElapsedTime(_started[i], _arrived[i]).TotalMilliseconds);
            }
        }

        latencies.Sort();
        return [.. latencies];
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record RunResult(
    string Scenario, int Messages, TimeSpan Elapsed, double MessagesPerSecond, double P50, double P95, double P99, double Max, string Notes);
