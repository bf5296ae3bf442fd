using NetworkHub.Contracts;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Client;
using NetworkHub.Core.Telemetry;

namespace NetworkHub.Core.Routing;

/// <summary>
/// The broker side of dispatch: sends with publisher confirms and returns once the broker has the message, carrying
/// <c>trace</c> in its headers so that the recipient continues it.
/// </summary>
public interface IHubTransport
{
    Task SendToOrganisationAsync(string organisation, HubMessage message, MessageTrace? trace, CancellationToken ct);

    Task PublishEventAsync(HubMessage message, MessageTrace? trace, CancellationToken ct);
}

/// <summary>A row the broker did not take, and why.</summary>
public sealed record FailedDispatch(long OutboxId, string Destination, HubMessage Message, Exception? Failure);

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

    /// <summary>Sends, and fails if the broker did not take every message (those stay in the outbox).</summary>
    public async Task DispatchAsync(IReadOnlyList<PendingDispatch> pending, CancellationToken ct) =>
        ThrowIfAnyFailed(await TrySendAsync(pending, ct), pending.Count);

    private static void ThrowIfAnyFailed(IReadOnlyList<FailedDispatch> failed, int of)
    {
        if (failed.Count > 0)
        {
            throw new HubTransportUnavailableException($"The broker did not take {failed.Count} of {of} messages; they stay in the outbox.", failed[0].Failure!);
        }
    }

    /// <summary>
    /// Sends each row no one else in this process is sending; marks those the broker took and returns those it did
    /// not, released for a later attempt. One failing row does not stop the others.
    /// </summary>
    public Task<IReadOnlyList<FailedDispatch>> TrySendAsync(IReadOnlyList<PendingDispatch> pending, CancellationToken ct) =>
        SendClaimedAsync(recorder.Claim(pending), ct);

    /// <summary>
    /// Sends rows read from the outbox a while ago (a redelivery's leftovers, the sweeper's batch). Another dispatch in
    /// this process may have sent and marked them since the read, and released its claim once marked: so after claiming,
    /// only the rows the database still shows unsent go.
    /// </summary>
    public async Task<IReadOnlyList<FailedDispatch>> TrySendLoadedAsync(IReadOnlyList<PendingDispatch> loaded, CancellationToken ct)
    {
        var claimed = recorder.Claim(loaded);
        if (claimed.Count == 0)
        {
            return [];
        }

        var ids = claimed.Select(p => p.OutboxId).ToArray();
        var unsent = (await db.Outbox.AsNoTracking().Where(o => ids.Contains(o.Id) && o.DispatchedAt == null).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        recorder.Release(claimed.Where(p => !unsent.Contains(p.OutboxId)));
        return await SendClaimedAsync([.. claimed.Where(p => unsent.Contains(p.OutboxId))], ct);
    }

    private async Task<IReadOnlyList<FailedDispatch>> SendClaimedAsync(IReadOnlyList<PendingDispatch> mine, CancellationToken ct)
    {
        if (mine.Count == 0)
        {
            return [];
        }

        var sends = mine.Select(p => SendAsync(p, ct)).ToArray();
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // each send's outcome is read below
        }
        catch
        {
            recorder.Release(mine);
            throw;
        }

        var failed = mine.Select((p, i) => new FailedDispatch(p.OutboxId, p.Destination, p.Message, sends[i].Exception?.InnerException))
            .Where(f => f.Failure is not null).ToArray();
        recorder.Release(mine.Where((_, i) => !sends[i].IsCompletedSuccessfully));
        await recorder.RecordAsync(mine.Where((_, i) => sends[i].IsCompletedSuccessfully).ToArray(), ct);
        return failed;
    }

    /// <summary>Sends whatever a message's handling left unsent (after a redelivery).</summary>
    public async Task DispatchLeftoversAsync(Guid causationId, CancellationToken ct)
    {
        var leftovers = await LoadAsync(db.Outbox.Where(o => o.CausationId == causationId && o.DispatchedAt == null), ct);
        ThrowIfAnyFailed(await TrySendLoadedAsync(leftovers, ct), leftovers.Count);
    }

    public async Task<IReadOnlyList<PendingDispatch>> LoadAsync(IQueryable<OutboxMessage> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Select(o => new { o.Id, o.Destination, o.Contract, o.Payload, o.TraceParent }).ToListAsync(ct);
        return rows.Select(r => new PendingDispatch(r.Id, r.Destination, HubJson.Deserialize(r.Contract, r.Payload!), r.TraceParent)).ToArray();
    }

    /// <summary>Sends in the trace the row was written in: as a child of the dispatch span, or of the row's own traceparent when no span is recorded.</summary>
    private async Task SendAsync(PendingDispatch dispatch, CancellationToken ct)
    {
        using var span = HubSpans.StartDispatch(dispatch);
        var trace = MessageTrace.Of(span) ?? MessageTrace.FromTraceParent(dispatch.TraceParent);
        try
        {
            await (dispatch.Destination == OutboxDestinations.Events
                ? transport.PublishEventAsync(dispatch.Message, trace, ct)
                : transport.SendToOrganisationAsync(dispatch.Destination, dispatch.Message, trace, ct));
        }
        catch (Exception e)
        {
            HubSpans.Failed(span, e);
            throw;
        }
    }
}
