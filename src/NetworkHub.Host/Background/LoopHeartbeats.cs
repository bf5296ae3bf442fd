using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace NetworkHub.Host.Background;

/// <summary>
/// How many passes each background loop has completed, and when it completed the last. A pass counted after a moment may
/// have started before it, the one after that did not: so anyone who must know that the hub has looked (for example, that
/// no deadline was due) waits for two more passes instead of guessing a time. As the readiness check "loops", it is
/// unhealthy, naming the loop, when a started loop has completed no pass within its bound: <see cref="HubOptions.LoopStallLimit"/>,
/// and never less than three of the loop's intervals.
/// </summary>
public sealed class LoopHeartbeats(TimeProvider clock, IOptions<HubOptions> options) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, Loop> _loops = new(StringComparer.Ordinal);

    /// <summary>A loop that passes every <paramref name="interval"/> has started: from now on it must keep passing.</summary>
    public void Started(string loop, TimeSpan interval)
    {
        var bound = TimeSpan.FromTicks(Math.Max(options.Value.LoopStallLimit.Ticks, 3 * interval.Ticks));
        _loops.AddOrUpdate(loop, _ => new Loop(bound, clock.GetUtcNow()), (_, known) => known.Restarted(bound, clock.GetUtcNow()));
    }

    public void PassCompleted(string loop) =>
        _loops.GetOrAdd(loop, _ => new Loop(options.Value.LoopStallLimit, clock.GetUtcNow())).Passed(clock.GetUtcNow());

    public long Passes(string loop) => _loops.TryGetValue(loop, out var known) ? known.Passes : 0;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var stalled = _loops.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Where(l => now - l.Value.LastPass > l.Value.Bound)
            .Select(l => $"{l.Key} has completed no pass for {Rounded(now - l.Value.LastPass)} (allowed: {Rounded(l.Value.Bound)})")
            .ToArray();
        return Task.FromResult(stalled.Length == 0
            ? HealthCheckResult.Healthy($"{_loops.Count} background loops are passing.")
            : HealthCheckResult.Unhealthy(string.Join("; ", stalled) + "."));
    }

    private static TimeSpan Rounded(TimeSpan span) => TimeSpan.FromSeconds(Math.Round(span.TotalSeconds));

    private sealed class Loop(TimeSpan bound, DateTimeOffset since)
    {
        private long _passes;
        private long _lastPassTicks = since.UtcTicks;

        public TimeSpan Bound { get; private set; } = bound;
        public long Passes => Interlocked.Read(ref _passes);
        public DateTimeOffset LastPass => new(Interlocked.Read(ref _lastPassTicks), TimeSpan.Zero);

        public void Passed(DateTimeOffset at)
        {
            Interlocked.Exchange(ref _lastPassTicks, at.UtcTicks);
            Interlocked.Increment(ref _passes);
        }

        public Loop Restarted(TimeSpan bound, DateTimeOffset at)
        {
            Bound = bound;
            Interlocked.Exchange(ref _lastPassTicks, at.UtcTicks);
            return this;
        }
    }
}
