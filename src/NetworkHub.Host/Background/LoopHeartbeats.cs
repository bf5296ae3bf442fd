using System.Collections.Concurrent;

namespace NetworkHub.Host.Background;

/// <summary>
/// The moment, by the hub's clock, at which each background loop started its last completed pass. A pass that
/// started at or after a moment has seen everything due by then: health checks read this, and so does anyone who
/// must know that the hub has looked (for example, that no deadline was due) without waiting on a guess.
/// </summary>
public sealed class LoopHeartbeats
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPass = new(StringComparer.Ordinal);

    public void PassCompleted(string loop, DateTimeOffset passStartedAt) =>
        _lastPass.AddOrUpdate(loop, passStartedAt, (_, previous) => passStartedAt > previous ? passStartedAt : previous);

    public DateTimeOffset? LastPass(string loop) => _lastPass.TryGetValue(loop, out var moment) ? moment : null;
}
