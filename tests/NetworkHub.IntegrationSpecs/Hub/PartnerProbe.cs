using System.Collections.Concurrent;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>A partner application as the specs see it: counts every message its handler was given.</summary>
public sealed class PartnerProbe(string organisation, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, int> _seen = new();
    private readonly ConcurrentQueue<HubMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public string Organisation { get; } = organisation;

    /// <summary>The network's clock, which dates what this partner sends.</summary>
    public TimeProvider Clock { get; } = clock;
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
        T? found = null;
        await WaitUntilAsync(() => (found = _received.OfType<T>().FirstOrDefault(m => match?.Invoke(m) ?? true)) is not null,
            timeout ?? TimeSpan.FromSeconds(30),
            () => $"{Organisation} did not receive the expected {typeof(T).Name}; it received {_received.Count} messages.");
        return found!;
    }

    /// <summary>Waits until <paramref name="count"/> distinct messages of a kind have arrived.</summary>
    public Task WaitForCountAsync<T>(int count, TimeSpan timeout, Func<T, bool>? match = null) where T : HubMessage =>
        WaitUntilAsync(() => Count(match) >= count, timeout,
            () => $"{Organisation} received {Count(match)} of {count} {typeof(T).Name} messages.");

    private async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(failure());
            }

            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }
}
