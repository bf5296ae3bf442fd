using Microsoft.Extensions.Options;
using NetworkHub.Core.Deadlines;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Background;

/// <summary>Scans the deadline table; deadlines are rows, so they survive restarts and fire once.</summary>
public sealed class DeadlineScanner(
    IServiceScopeFactory scopes, IOptions<HubOptions> options, LoopHeartbeats heartbeats, ILogger<DeadlineScanner> logger)
    : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineScanInterval);
        heartbeats.Started(nameof(DeadlineScanner), options.Value.DeadlineScanInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int fired;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    fired = await scope.ServiceProvider.GetRequiredService<DeadlineProcessor>().FireDueAsync(Batch, stoppingToken);
                }
                while (fired == Batch && !stoppingToken.IsCancellationRequested);

                heartbeats.PassCompleted(nameof(DeadlineScanner));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deadline scan failed; retrying at the next interval");
            }
        }
    }
}
