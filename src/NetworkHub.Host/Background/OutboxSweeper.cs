using Microsoft.Extensions.Options;
using NetworkHub.Core.Routing;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Background;

/// <summary>
/// Runs the <see cref="OutboxSweep"/> on an interval. Normally every row is sent right after its transaction commits;
/// this is the safety net, so it only looks at rows older than a margin.
/// </summary>
public sealed class OutboxSweeper(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<HubOptions> options, LoopHeartbeats heartbeats, ILogger<OutboxSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutboxSweepInterval);
        heartbeats.Started(nameof(OutboxSweeper), options.Value.OutboxSweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sweep = scope.ServiceProvider.GetRequiredService<OutboxSweep>();
                var result = await sweep.RunAsync(clock.GetUtcNow() - options.Value.OutboxSweepAge, 500, options.Value.OutboxParkAfter, stoppingToken);
                if (result.Sent + result.Failed > 0)
                {
                    logger.LogInformation("Outbox sweeper sent {Sent} left-over messages; {Failed} failed, {Parked} parked", result.Sent, result.Failed, result.Parked);
                }

                heartbeats.PassCompleted(nameof(OutboxSweeper)); // a sweep another instance held the lease for counts too: nothing was left to this one
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox sweep failed; retrying at the next interval");
            }
        }
    }
}
