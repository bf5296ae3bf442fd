using System.Collections.Concurrent;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>A partner application as the specs see it: counts every message its handler was given.</summary>
public sealed class PartnerProbe(string organisation)
{
    private readonly ConcurrentDictionary<Guid, int> _seen = new();
    private readonly ConcurrentQueue<HubMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public string Organisation { get; } = organisation;
    public HubClient Client { get; set; } = null!;

    /// <summary>What the application answers; accepting by default.</summary>
    public Func<HubMessage, DeliveryOutcome> Decide { get; set; } = _ => DeliveryOutcome.Accepted;

    public IReadOnlyCollection<HubMessage> Received => _received.ToArray();

    /// <summary>Message ids the application was handed more than once (must stay empty).</summary>
    public IReadOnlyList<Guid> SeenTwice => _seen.Where(s => s.Value > 1).Select(s => s.Key).ToArray();

    public Task<DeliveryOutcome> HandleAsync(HubMessage message, CancellationToken ct)
    {
        _seen.AddOrUpdate(message.MessageId, 1, (_, count) => count + 1);
        _received.Enqueue(message);
        _arrived.Release();
        return Task.FromResult(Decide(message));
    }

    public int Count<T>(Func<T, bool>? match = null) where T : HubMessage =>
        _received.OfType<T>().Where(m => match?.Invoke(m) ?? true).Select(m => m.MessageId).Distinct().Count();

    /// <summary>Waits until the application has received a matching message, or fails after the timeout.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) where T : HubMessage
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = _received.OfType<T>().FirstOrDefault(m => match?.Invoke(m) ?? true);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)) && DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{Organisation} did not receive the expected {typeof(T).Name}; it received {_received.Count} messages.");
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> distinct messages of a kind have arrived.</summary>
    public async Task WaitForCountAsync<T>(int count, TimeSpan timeout, Func<T, bool>? match = null) where T : HubMessage
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(match) < count)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{Organisation} received {Count(match)} of {count} {typeof(T).Name} messages.");
            }

            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }
}
