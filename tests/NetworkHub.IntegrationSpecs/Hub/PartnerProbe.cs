using System.Collections.Concurrent;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// A partner as the specs see it: counts every delivery the broker hands its client (raw, before the client's
/// dedupe) and every message its application was given.
/// </summary>
public sealed class PartnerProbe(string organisation, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, int> _delivered = new();
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

    /// <summary>How often the broker delivered this message id to the partner's queue consumer, duplicates included.</summary>
    public int Deliveries(Guid messageId) => _delivered.GetValueOrDefault(messageId);

    /// <summary>The inbox the client dedupes with; wrapped so that every raw delivery is counted first.</summary>
    internal IProcessedMessageStore CountDeliveries(IProcessedMessageStore inbox) => new CountingInbox(inbox, this);

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

    private sealed class CountingInbox(IProcessedMessageStore inner, PartnerProbe probe) : IProcessedMessageStore
    {
        public Task<DeliveryOutcome> GetOrHandleAsync(Guid messageId, Func<Task<DeliveryOutcome>> handle)
        {
            probe._delivered.AddOrUpdate(messageId, 1, (_, count) => count + 1);
            return inner.GetOrHandleAsync(messageId, handle);
        }
    }
}
