using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Deadlines;
using NetworkHub.Core.Persistence;
using NetworkHub.Host.Background;
using NetworkHub.Host.Hosting;
using NetworkHub.IntegrationSpecs.Ledger;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>The hub running inside the spec's process, on a real broker and database.</summary>
public sealed class InProcessHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHub(WebApplication app) => _app = app;

    /// <summary>A bound for a loaded two-core machine, far above a normal start: only a hub that cannot start reaches it.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    public IServiceProvider Services => _app.Services;

    /// <summary>Where the hub's Kestrel listens (a free port on 127.0.0.1).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<InProcessHub> StartAsync(IEnumerable<string> args, Action<IServiceCollection>? configure = null)
    {
        var app = HubApp.Build([.. args, "--urls=http://127.0.0.1:0"], configure);
        // A hub waits for its broker and database as long as it takes; a spec fails instead of hanging when it never can.
        using var giveUp = new CancellationTokenSource(StartLimit);
        try
        {
            await app.StartAsync(giveUp.Token);
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            await app.DisposeAsync();
            throw new TimeoutException($"The hub did not start within {StartLimit.TotalMinutes:0} minutes.");
        }

        return new InProcessHub(app);
    }

    /// <summary>
    /// Waits until the hub has completed a deadline scan that started after this call: everything due by then
    /// has been fired, recorded and handed to the broker.
    /// </summary>
    public async Task WaitForDeadlineScanAsync()
    {
        var heartbeats = Services.GetRequiredService<LoopHeartbeats>();
        var passes = heartbeats.Passes(nameof(DeadlineScanner));
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (heartbeats.Passes(nameof(DeadlineScanner)) < passes + 2) // the pass under way may have started before
        {
            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException("The hub completed no deadline scan within 30 s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the hub's readiness (the checks behind /health/ready) reaches <paramref name="status"/>, and returns that report.</summary>
    public Task<HealthReport> WaitForReadinessAsync(HealthStatus status, TimeSpan timeout) =>
        WaitForReadinessAsync(report => report.Status == status, timeout, $"reach {status}");

    /// <summary>Waits until the hub's readiness report shows what <paramref name="shows"/> looks for, and returns that report.</summary>
    public async Task<HealthReport> WaitForReadinessAsync(Func<HealthReport, bool> shows, TimeSpan timeout, string what)
    {
        var health = Services.GetRequiredService<HealthCheckService>();
        var giveUp = DateTime.UtcNow + timeout;
        while (true)
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"));
            if (shows(report))
            {
                return report;
            }

            if (DateTime.UtcNow > giveUp)
            {
                var entries = string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description}"));
                throw new TimeoutException($"Readiness did not {what} in {timeout.TotalSeconds:0} s ({report.Status}: {entries}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Fires whatever is due now, as the deadline scanner's next pass would.</summary>
    public async Task FireDueDeadlinesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeadlineProcessor>().FireDueAsync(500, CancellationToken.None);
    }

    /// <summary>The state of a message's (first) hand-off in the ledger, or null before it is recorded.</summary>
    public Task<HandOffState?> HandOffStateAsync(Guid messageId) =>
        QueryAsync(db => db.HandOffs.Where(h => h.MessageId == messageId).Select(h => (HandOffState?)h.State).FirstOrDefaultAsync());

    /// <summary>
    /// Sends a signal from the school to the wijkteam, dated now on the school's clock, and waits until the hub has
    /// dispatched it; with the wijkteam's system offline, nobody acknowledges it.
    /// </summary>
    public async Task<Signaal> SendUnansweredSignalAsync(PartnerProbe school)
    {
        var signal = Messages.SignalFromSchool(school.Clock) with { CreatedAt = school.Clock.GetUtcNow() };
        await school.Client.SendAsync(signal);
        await WaitForHandOffStateAsync(signal.MessageId, HandOffState.Dispatched);
        return signal;
    }

    /// <summary>Waits until a message's hand-off reaches <paramref name="state"/> in the ledger.</summary>
    public async Task WaitForHandOffStateAsync(Guid messageId, HandOffState state)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var current = await HandOffStateAsync(messageId);
            if (current == state)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"Hand-off {messageId} stayed {current?.ToString() ?? "unrecorded"}, expected {state}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The ledger's hand-offs of one message, one per recipient it was routed to.</summary>
    public Task<List<HandOff>> HandOffsAsync(Guid messageId) => QueryAsync(db => db.HandOffs.Where(h => h.MessageId == messageId).ToListAsync());

    /// <summary>The ledger's deadlines about one reference (a message, hand-over or MDO).</summary>
    public Task<List<Deadline>> DeadlinesAsync(Guid reference) => QueryAsync(db => db.Deadlines.Where(d => d.Reference == reference).ToListAsync());

    /// <summary>The alerts the hub keeps for its operators, of one kind (a contract name such as "V1.CaseStale").</summary>
    public Task<List<AlertRecord>> AlertsAsync(string kind) => QueryAsync(db => db.Alerts.AsNoTracking().Where(a => a.Kind == kind).ToListAsync());

    private async Task<T> QueryAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
