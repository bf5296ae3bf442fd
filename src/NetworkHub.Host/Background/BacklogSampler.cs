using Microsoft.Extensions.Options;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Telemetry;

namespace NetworkHub.Host.Background;

/// <summary>
/// Reads what the hub has not caught up with (outbox age, quarantine size, deadline and sealer lag) for the gauges of
/// <see cref="HubBacklog"/>, every <see cref="TelemetryOptions.SampleInterval"/>, and only while someone collects them.
/// </summary>
public sealed class BacklogSampler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<HubOptions> options, ILogger<BacklogSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Telemetry.SampleInterval);
        do
        {
            if (!HubBacklog.Observed)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                HubBacklog.Report(await HubBacklog.ReadAsync(db, clock.GetUtcNow(), options.Value.OutboxParkAfter, stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Reading the backlog for the hub's gauges failed ({Failure}); retrying at the next interval", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
