using System.Collections.Concurrent;

namespace NetworkHub.Host.Background;

/// <summary>
/// How many passes each background loop has completed. A pass counted after a moment may have started before it,
/// the one after that did not: so anyone who must know that the hub has looked (for example, that no deadline was
/// due) waits for two more passes instead of guessing a time.
/// </summary>
public sealed class LoopHeartbeats
{
    private readonly ConcurrentDictionary<string, long> _passes = new(StringComparer.Ordinal);

    public void PassCompleted(string loop) => _passes.AddOrUpdate(loop, 1, (_, passes) => passes + 1);

    public long Passes(string loop) => _passes.GetValueOrDefault(loop);
}
