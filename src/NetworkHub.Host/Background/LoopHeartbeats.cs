using System.Collections.Concurrent;

namespace NetworkHub.Host.Background;

/// <summary>
/// How many passes each background loop has completed, and when (by the hub's clock) its last completed pass
/// started. Health checks read this, and so does anyone who must know that the hub has looked (for example,
/// that no deadline was due) without waiting on a guess: a pass counted after a moment started after it.
/// </summary>
public sealed class LoopHeartbeats
{
    private readonly ConcurrentDictionary<string, Heartbeat> _loops = new(StringComparer.Ordinal);

    public void PassCompleted(string loop, DateTimeOffset passStartedAt) =>
        _loops.AddOrUpdate(loop, new Heartbeat(1, passStartedAt), (_, previous) => new Heartbeat(previous.Passes + 1, passStartedAt));

    public Heartbeat? Last(string loop) => _loops.TryGetValue(loop, out var heartbeat) ? heartbeat : null;

    /// <summary>Passes completed so far, and the hub's time at which the last of them started.</summary>
    public sealed record Heartbeat(long Passes, DateTimeOffset LastPassStartedAt);
}
