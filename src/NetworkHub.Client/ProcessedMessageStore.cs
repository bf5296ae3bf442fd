using System.Collections.Concurrent;

namespace NetworkHub.Client;

/// <summary>
/// Remembers which message ids the partner application has handled and with what outcome, so a redelivered
/// or re-dispatched message is answered again without reaching the application twice.
/// </summary>
public interface IProcessedMessageStore
{
    /// <summary>Runs <paramref name="handle"/> once per id; concurrent and later calls with the same id get the first outcome.</summary>
    Task<DeliveryOutcome> GetOrHandleAsync(Guid messageId, Func<Task<DeliveryOutcome>> handle);
}

/// <summary>
/// In-process store: holds for the life of the process. A partner that must survive its own restarts without
/// seeing a message twice uses <see cref="FileProcessedMessageStore"/> or its own durable store.
/// </summary>
public class InMemoryProcessedMessageStore : IProcessedMessageStore
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<DeliveryOutcome>>> _outcomes = new();

    public async Task<DeliveryOutcome> GetOrHandleAsync(Guid messageId, Func<Task<DeliveryOutcome>> handle)
    {
        var entry = _outcomes.GetOrAdd(messageId, _ => new Lazy<Task<DeliveryOutcome>>(async () =>
        {
            var outcome = await handle().ConfigureAwait(false);
            await OnHandledAsync(messageId, outcome).ConfigureAwait(false);
            return outcome;
        }));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // The application failed: forget the attempt so the redelivery can try again.
            _outcomes.TryRemove(new KeyValuePair<Guid, Lazy<Task<DeliveryOutcome>>>(messageId, entry));
            throw;
        }
    }

    protected void Remember(Guid messageId, DeliveryOutcome outcome) =>
        _outcomes[messageId] = new Lazy<Task<DeliveryOutcome>>(Task.FromResult(outcome));

    protected virtual Task OnHandledAsync(Guid messageId, DeliveryOutcome outcome) => Task.CompletedTask;
}

/// <summary>Durable store: an append-only file of handled ids, flushed to disk before the answer is sent.</summary>
public sealed class FileProcessedMessageStore : InMemoryProcessedMessageStore, IDisposable
{
    private readonly FileStream _file;
    private readonly SemaphoreSlim _write = new(1, 1);

    public FileProcessedMessageStore(string path)
    {
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split(' ', 3);
                if (parts.Length >= 2 && Guid.TryParse(parts[0], out var id))
                {
                    Remember(id, parts[1] == "accepted" || !Enum.TryParse<Contracts.V1.ReturnCode>(parts[1], out var code)
                        ? DeliveryOutcome.Accepted
                        : DeliveryOutcome.Declined(code, parts.Length > 2 ? parts[2] : ""));
                }
            }
        }

        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    protected override async Task OnHandledAsync(Guid messageId, DeliveryOutcome outcome)
    {
        var line = outcome.IsAccepted ? $"{messageId} accepted\n" : $"{messageId} {outcome.ReturnCode} {outcome.Reason?.ReplaceLineEndings(" ")}\n";
        await _write.WaitAsync().ConfigureAwait(false);
        try
        {
            await _file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line)).ConfigureAwait(false);
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _write.Release();
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _write.Dispose();
    }
}
