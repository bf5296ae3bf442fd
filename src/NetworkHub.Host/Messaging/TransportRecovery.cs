using MassTransit;
using Microsoft.Extensions.Options;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Brings intake back when the broker connection does not: after a broker crash and restart, MassTransit's RabbitMQ
/// receive transport now and then never reconnects (its ingress queues fill with no consumer while the hub's sends
/// fail too), and a restarted bus does. So when an ingress that consumed before has had no consumer for
/// <see cref="HubOptions.TransportRestartAfter"/>, without a database outage to explain it, the hub stops and starts
/// its bus. Unsent outbox rows stay unsent meanwhile and the sweep sends them; deliveries in flight are redelivered and
/// deduplicated by the inbox. Liveness (<see cref="HubOptions.IntakeStallLimit"/>) stays the last resort.
/// </summary>
public sealed class TransportRecovery(IBusControl bus, IntakeSwitch intake, IOptions<HubOptions> options, ILogger<TransportRecovery> logger)
    : BackgroundService
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.IntakeProbeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (intake.StalledLongerThan(options.Value.TransportRestartAfter) is not { Length: > 0 } stalled)
            {
                continue;
            }

            logger.LogError("No consumer on {Queues} for over {Seconds:0} s without an outage: restarting the bus",
                string.Join(", ", stalled), options.Value.TransportRestartAfter.TotalSeconds);
            try
            {
                using (var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    stopping.CancelAfter(StopTimeout);
                    await bus.StopAsync(stopping.Token);
                }

                await bus.StartAsync(stoppingToken);
                logger.LogWarning("Bus restarted");
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError("Restarting the bus failed ({Failure}); trying again after {Seconds:0} s", e.GetType().Name, options.Value.TransportRestartAfter.TotalSeconds);
            }

            intake.Restarted(stalled);
        }
    }
}
