using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Persistence;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Pauses intake while the hub cannot record messages and resumes it by itself: on an outage every partner's ingress
/// endpoint stops consuming (their messages stay in their hub.ingress.&lt;code&gt; queues, none reaches an error queue),
/// the database is probed, and the endpoints start again once it answers. Readiness follows what the endpoints do:
/// never ready while any of them has no consumer on its queue, whatever the reason.
/// </summary>
public sealed class IntakeSwitch(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<HubOptions> options, ILogger<IntakeSwitch> logger)
    : IReceiveEndpointObserver, IHealthCheck
{
    private readonly ConcurrentDictionary<string, EndpointState> _endpoints = new(StringComparer.Ordinal);
    private int _pausing;
    private volatile string? _pausedBecause;
    private DateTimeOffset _pausedAt;

    /// <summary>An ingress queue that must have a consumer; it counts as not consuming until its endpoint is ready.</summary>
    public void Expect(string queue) => _endpoints.TryAdd(queue, new EndpointState());

    public void Pause(string reason)
    {
        if (_endpoints.IsEmpty || Interlocked.Exchange(ref _pausing, 1) == 1)
        {
            return;
        }

        _pausedAt = DateTimeOffset.UtcNow;
        _pausedBecause = reason;
        logger.LogError("Intake paused: {Reason}", reason);
        _ = Task.Run(ResumeWhenRecordingWorksAsync);
    }

    private async Task ResumeWhenRecordingWorksAsync()
    {
        var stopping = lifetime.ApplicationStopping;
        var endpoints = _endpoints.Values.Select(e => e.Endpoint).OfType<IReceiveEndpoint>().ToArray();
        try
        {
            await Task.WhenAll(endpoints.Select(e => e.Stop(stopping)));
            while (true)
            {
                await Task.Delay(options.Value.IntakeProbeInterval, stopping);
                if (!await DatabaseAnswersAsync(stopping))
                {
                    continue;
                }

                try
                {
                    await Task.WhenAll(endpoints.Select(e => e.Start(stopping).Ready));
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
            foreach (var state in _endpoints.Values)
            {
                state.NotConsumingSince = DateTimeOffset.UtcNow; // the stall limit counts from the end of the pause
            }

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

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (_pausedBecause is { } reason)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Intake is paused since {_pausedAt:O}: {reason}"));
        }

        var idle = IdleQueues();
        return Task.FromResult(_endpoints.IsEmpty
            ? HealthCheckResult.Healthy("No partner is registered: there is no ingress to consume.")
            : idle.Length == 0
                ? HealthCheckResult.Healthy($"Intake is consuming {_endpoints.Count} ingress queue(s).")
                : HealthCheckResult.Unhealthy($"No consumer on {string.Join(", ", idle)}."));
    }

    /// <summary>
    /// Liveness: unhealthy when an ingress has had no consumer for longer than <see cref="HubOptions.IntakeStallLimit"/>
    /// without an outage to explain it (a transport that did not come back after a broker restart), so that the
    /// orchestrator restarts the hub. A pause for a database outage keeps the hub alive: it resumes by itself.
    /// </summary>
    public bool Stalled(out string description)
    {
        var stalled = IdleWithoutOutage((state, now) => now - state.NotConsumingSince > options.Value.IntakeStallLimit);
        description = stalled.Length > 0
            ? $"No consumer for longer than {options.Value.IntakeStallLimit.TotalSeconds:0} s, without an outage to explain it, on {string.Join(", ", stalled)}."
            : "Intake is alive.";
        return stalled.Length > 0;
    }

    /// <summary>
    /// Ingress queues that consumed before and have had no consumer for longer than <paramref name="limit"/>, while no
    /// outage explains it: a transport that did not come back by itself.
    /// </summary>
    public string[] StalledLongerThan(TimeSpan limit) =>
        IdleWithoutOutage((state, now) => state.Endpoint is not null && now - state.LastChance > limit);

    /// <summary>The queues with no consumer for which <paramref name="tooLong"/> holds; none while an outage explains it.</summary>
    private string[] IdleWithoutOutage(Func<EndpointState, DateTimeOffset, bool> tooLong)
    {
        var now = DateTimeOffset.UtcNow;
        return _pausedBecause is null
            ? _endpoints.Where(e => !e.Value.Consuming && tooLong(e.Value, now)).Select(e => e.Key).Order().ToArray()
            : [];
    }

    /// <summary>The endpoint that consumes <paramref name="queue"/>, once it was ready.</summary>
    internal IReceiveEndpoint? EndpointOf(string queue) => _endpoints.TryGetValue(queue, out var state) ? state.Endpoint : null;

    /// <summary>After a transport restart the next one waits a full interval again; liveness still counts from the stall.</summary>
    public void Restarted(IEnumerable<string> queues)
    {
        foreach (var queue in queues)
        {
            if (_endpoints.TryGetValue(queue, out var state))
            {
                state.RestartedAt = DateTimeOffset.UtcNow;
            }
        }
    }

    private string[] IdleQueues() => _endpoints.Where(e => !e.Value.Consuming).Select(e => e.Key).Order().ToArray();

    public Task Ready(ReceiveEndpointReady ready)
    {
        var state = _endpoints.GetOrAdd(QueueOf(ready.InputAddress), _ => new EndpointState());
        state.Endpoint = ready.ReceiveEndpoint;
        state.Consuming = true;
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => NotConsuming(stopping.InputAddress);

    public Task Completed(ReceiveEndpointCompleted completed) => NotConsuming(completed.InputAddress);

    public Task Faulted(ReceiveEndpointFaulted faulted) => NotConsuming(faulted.InputAddress);

    private Task NotConsuming(Uri inputAddress)
    {
        var state = _endpoints.GetOrAdd(QueueOf(inputAddress), _ => new EndpointState());
        if (state.Consuming)
        {
            state.NotConsumingSince = DateTimeOffset.UtcNow;
        }

        state.Consuming = false;
        return Task.CompletedTask;
    }

    /// <summary>The queue an endpoint reads: the last segment of its input address (rabbitmq://host/vhost/queue, loopback://localhost/queue).</summary>
    private static string QueueOf(Uri inputAddress) => inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];

    private sealed class EndpointState
    {
        public volatile IReceiveEndpoint? Endpoint;
        public volatile bool Consuming;
        public DateTimeOffset NotConsumingSince = DateTimeOffset.UtcNow;
        public DateTimeOffset RestartedAt = DateTimeOffset.MinValue;

        /// <summary>Since when the transport had its last chance to come back by itself.</summary>
        public DateTimeOffset LastChance => NotConsumingSince > RestartedAt ? NotConsumingSince : RestartedAt;
    }
}

/// <summary>The liveness side of <see cref="IntakeSwitch"/> (see <see cref="IntakeSwitch.Stalled"/>).</summary>
public sealed class IntakeLiveness(IntakeSwitch intake) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(intake.Stalled(out var description) ? HealthCheckResult.Unhealthy(description) : HealthCheckResult.Healthy(description));
}
