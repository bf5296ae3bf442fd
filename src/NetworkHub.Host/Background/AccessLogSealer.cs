using NetworkHub.Core.Persistence;

namespace NetworkHub.Host.Background;

/// <summary>
/// Chains new access-log rows into the hash chain, off the routing path (see <see cref="AccessLogStore"/>).
/// Seals once more on shutdown, so a stopped hub leaves a fully sealed log.
/// </summary>
public sealed class AccessLogSealer(IServiceScopeFactory scopes, LoopHeartbeats heartbeats, ILogger<AccessLogSealer> logger) : BackgroundService
{
    private const int Batch = 2000;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        heartbeats.Started(nameof(AccessLogSealer), Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SealAllAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await SealAllAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown ran out of time: what is left unsealed is sealed at the next start, in order.
            logger.LogWarning("Shutdown cut the last sealing pass short; the remaining access-log rows are sealed at the next start");
        }
    }

    private async Task SealAllAsync(CancellationToken ct)
    {
        try
        {
            int sealedRows;
            do
            {
                await using var scope = scopes.CreateAsyncScope();
                sealedRows = await scope.ServiceProvider.GetRequiredService<AccessLogStore>().SealAsync(Batch, ct);
            }
            while (sealedRows == Batch && !ct.IsCancellationRequested);

            heartbeats.PassCompleted(nameof(AccessLogSealer));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Sealing the access log failed; retrying at the next interval");
        }
    }
}
