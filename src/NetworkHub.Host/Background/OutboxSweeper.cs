using Microsoft.Extensions.Options;
using NetworkHub.Core.Routing;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Background;

/// <summary>
/// Sends outbox rows left unsent, e.g. when the broker was down at dispatch time. Normally every row is sent
/// right after its transaction commits; this is the safety net, so it only looks at rows older than a margin.
/// </summary>
public sealed class OutboxSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<HubOptions> options, ILogger<OutboxSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutboxSweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
                var sent = await dispatcher.DispatchOlderThanAsync(clock.GetUtcNow() - options.Value.OutboxSweepAge, 500, stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Outbox sweeper sent {Count} left-over messages", sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox sweep failed; retrying at the next interval");
            }
        }
    }
}
