using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Persistence;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Pauses intake while the hub cannot record messages and resumes it by itself: on an outage the ingress endpoint
/// stops consuming (its messages stay in hub.ingress, none reaches an error queue), the database is probed, and the
/// endpoint starts again once it answers. Readiness follows what the endpoint does: never ready while it has no
/// consumer on the queue, whatever the reason.
/// </summary>
public sealed class IntakeSwitch(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<HubOptions> options, ILogger<IntakeSwitch> logger)
    : IReceiveEndpointObserver, IHealthCheck
{
    private IReceiveEndpoint? _endpoint;
    private int _pausing;
    private volatile bool _consuming;
    private DateTimeOffset _notConsumingSince = DateTimeOffset.UtcNow;
    private volatile string? _pausedBecause;
    private DateTimeOffset _pausedAt;

    public void Pause(string reason)
    {
        if (_endpoint is null || Interlocked.Exchange(ref _pausing, 1) == 1)
        {
            return;
        }

        _pausedAt = DateTimeOffset.UtcNow;
        _pausedBecause = reason;
        logger.LogError("Intake paused: {Reason}", reason);
        _ = Task.Run(() => ResumeWhenRecordingWorksAsync(_endpoint));
    }

    private async Task ResumeWhenRecordingWorksAsync(IReceiveEndpoint endpoint)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await endpoint.Stop(stopping);
            while (true)
            {
                await Task.Delay(options.Value.IntakeProbeInterval, stopping);
                if (!await DatabaseAnswersAsync(stopping))
                {
                    continue;
                }

                try
                {
                    await endpoint.Start(stopping).Ready;
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Intake could not start again yet ({Failure}); retrying", e.GetType().Name);
                }
            }

            logger.LogWarning("Intake resumed after {Seconds:0.0} s", (DateTimeOffset.UtcNow - _pausedAt).TotalSeconds);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the hub is shutting down: nothing to resume
        }
        finally
        {
            _notConsumingSince = DateTimeOffset.UtcNow; // the stall limit counts from the end of the pause
            _pausedBecause = null;
            Volatile.Write(ref _pausing, 0);
        }
    }

    private async Task<bool> DatabaseAnswersAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.CanConnectAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(_pausedBecause is { } reason
            ? HealthCheckResult.Unhealthy($"Intake is paused since {_pausedAt:O}: {reason}")
            : _consuming
                ? HealthCheckResult.Healthy("Intake is consuming hub.ingress.")
                : HealthCheckResult.Unhealthy("The ingress endpoint has no consumer on hub.ingress."));

    /// <summary>
    /// Liveness: unhealthy when the ingress has had no consumer for longer than <see cref="HubOptions.IntakeStallLimit"/>
    /// without an outage to explain it (a transport that did not come back after a broker restart), so that the
    /// orchestrator restarts the hub. A pause for a database outage keeps the hub alive: it resumes by itself.
    /// </summary>
    public bool Stalled(out string description)
    {
        var idle = DateTimeOffset.UtcNow - _notConsumingSince;
        var stalled = !_consuming && _pausedBecause is null && idle > options.Value.IntakeStallLimit;
        description = stalled ? $"The ingress has had no consumer for {idle.TotalSeconds:0} s without an outage to explain it." : "Intake is alive.";
        return stalled;
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        _endpoint = ready.ReceiveEndpoint;
        _consuming = true;
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => NotConsuming();

    public Task Completed(ReceiveEndpointCompleted completed) => NotConsuming();

    public Task Faulted(ReceiveEndpointFaulted faulted) => NotConsuming();

    private Task NotConsuming()
    {
        if (_consuming)
        {
            _notConsumingSince = DateTimeOffset.UtcNow;
        }

        _consuming = false;
        return Task.CompletedTask;
    }
}

/// <summary>The liveness side of <see cref="IntakeSwitch"/> (see <see cref="IntakeSwitch.Stalled"/>).</summary>
public sealed class IntakeLiveness(IntakeSwitch intake) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(intake.Stalled(out var description) ? HealthCheckResult.Unhealthy(description) : HealthCheckResult.Healthy(description));
}
