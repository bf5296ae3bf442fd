using NetworkHub.Contracts;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Routing;

/// <summary>The broker side of dispatch: sends with publisher confirms and returns once the broker has the message.</summary>
public interface IHubTransport
{
    Task SendToOrganisationAsync(string organisation, HubMessage message, CancellationToken ct);

    Task PublishEventAsync(HubMessage message, CancellationToken ct);
}

/// <summary>
/// Sends what the outbox holds, then has it marked sent (see <see cref="DispatchRecorder"/>). Within one process each
/// row is sent once: a row another dispatch claimed is skipped. A crash after sending and before marking sends it
/// again on recovery: recipients deduplicate on the message id, which is stable.
/// </summary>
public sealed class OutboxDispatcher(HubDbContext db, IHubTransport transport, DispatchRecorder recorder)
{
    /// <summary>Sends what a routing decision wrote; for a message handled before, whatever it left unsent.</summary>
    public Task DispatchAsync(RoutingResult result, CancellationToken ct) =>
        result.Outcome == RoutingOutcome.AlreadyHandled
            ? DispatchLeftoversAsync(result.CausationId, ct)
            : DispatchAsync(result.Dispatches, ct);

    public async Task DispatchAsync(IReadOnlyList<PendingDispatch> pending, CancellationToken ct)
    {
        var mine = recorder.Claim(pending);
        if (mine.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(mine.Select(p => SendAsync(p.Destination, p.Message, ct)));
        }
        catch
        {
            recorder.Release(mine);
            throw;
        }

        await recorder.RecordAsync(mine, ct);
    }

    /// <summary>Sends whatever a message's handling left unsent (after a redelivery or from the sweeper).</summary>
    public async Task DispatchLeftoversAsync(Guid causationId, CancellationToken ct) =>
        await DispatchAsync(await LoadAsync(db.Outbox.Where(o => o.CausationId == causationId && o.DispatchedAt == null), ct), ct);

    public async Task<int> DispatchOlderThanAsync(DateTimeOffset createdBefore, int max, CancellationToken ct)
    {
        var pending = await LoadAsync(db.Outbox
            .Where(o => o.DispatchedAt == null && o.CreatedAt < createdBefore)
            .OrderBy(o => o.Id)
            .Take(max), ct);
        await DispatchAsync(pending, ct);
        return pending.Count;
    }

    private static async Task<IReadOnlyList<PendingDispatch>> LoadAsync(IQueryable<OutboxMessage> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Select(o => new { o.Id, o.Destination, o.Contract, o.Payload }).ToListAsync(ct);
        return rows.Select(r => new PendingDispatch(r.Id, r.Destination, HubJson.Deserialize(r.Contract, r.Payload!))).ToArray();
    }

    private Task SendAsync(string destination, HubMessage message, CancellationToken ct) =>
        destination == OutboxDestinations.Events
            ? transport.PublishEventAsync(message, ct)
            : transport.SendToOrganisationAsync(destination, message, ct);
}
