using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;

namespace NetworkHub.Host.Background;

/// <summary>
/// Marks sent outbox rows dispatched in batches, off the routing path (see <see cref="QueuedDispatchRecorder"/>),
/// and what is still queued on shutdown. A batch that fails stays unmarked: the sweeper sends it again later,
/// which recipients deduplicate.
/// </summary>
public sealed class DispatchMarker(QueuedDispatchRecorder queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DispatchMarker> logger)
    : BackgroundService
{
    private const int Batch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await MarkAsync(await queue.TakeAsync(Batch, stoppingToken), stoppingToken);
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

    private async Task MarkAsync(IReadOnlyList<PendingDispatch> sent, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await DispatchMarks.ApplyAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), sent, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Marking {Count} sent messages failed; the outbox sweeper will send them again", sent.Count);
        }
        finally
        {
            queue.Release(sent);
        }
    }
}
