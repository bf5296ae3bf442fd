using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;

namespace NetworkHub.Host.Background;

/// <summary>
/// Marks sent outbox rows dispatched in batches, off the routing path (see <see cref="QueuedDispatchRecorder"/>),
/// and what is still queued on shutdown. A batch that fails stays unmarked: the sweeper sends it again later,
/// which recipients deduplicate. With nothing to mark it still completes a pass every <see cref="IdlePass"/>, so readiness
/// can tell an idle marker from a stuck one.
/// </summary>
public sealed class DispatchMarker(
    QueuedDispatchRecorder queue, IServiceScopeFactory scopes, TimeProvider clock, LoopHeartbeats heartbeats, ILogger<DispatchMarker> logger)
    : BackgroundService
{
    private const int Batch = 1000;
    private static readonly TimeSpan IdlePass = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        heartbeats.Started(nameof(DispatchMarker), IdlePass);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await MarkAsync(await queue.TakeAsync(Batch, IdlePass, stoppingToken), stoppingToken))
            {
                heartbeats.PassCompleted(nameof(DispatchMarker));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        IReadOnlyList<PendingDispatch> rest;
        try
        {
            while ((rest = queue.Drain(Batch)).Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                await MarkAsync(rest, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown ran out of time: rows left unmarked are sent again by the sweeper, and recipients deduplicate.
            logger.LogWarning("Shutdown cut marking sent messages short; the sweeper sends the unmarked ones again after the next start");
        }
    }

    /// <returns>Whether the rows are marked (none to mark counts).</returns>
    private async Task<bool> MarkAsync(IReadOnlyList<PendingDispatch> sent, CancellationToken ct)
    {
        if (sent.Count == 0)
        {
            return true;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await DispatchMarks.ApplyAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), sent, clock.GetUtcNow(), ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Marking {Count} sent messages failed; the outbox sweeper will send them again", sent.Count);
            return false;
        }
        finally
        {
            queue.Release(sent);
        }
    }
}
