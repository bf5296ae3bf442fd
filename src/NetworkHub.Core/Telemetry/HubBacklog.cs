using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Telemetry;

/// <summary>What the hub has not caught up with, read from the database by a sampler and reported as gauges.</summary>
/// <param name="OutboxAge">How long the oldest message waiting in the outbox (not parked) has waited.</param>
/// <param name="QuarantineSize">Kept input not replayed.</param>
/// <param name="DeadlineLag">How long ago the oldest deadline that is due but not fired fell due.</param>
/// <param name="SealerLag">How long the oldest access-log row not yet chained has waited.</param>
public sealed record HubBacklog(TimeSpan OutboxAge, long QuarantineSize, TimeSpan DeadlineLag, TimeSpan SealerLag)
{
    private static HubBacklog _latest = new(TimeSpan.Zero, 0, TimeSpan.Zero, TimeSpan.Zero);

    private static readonly ObservableGauge<double>[] Gauges =
    [
        HubTelemetry.Meter.CreateObservableGauge("networkhub.outbox.oldest_pending.age", () => _latest.OutboxAge.TotalSeconds, "s",
            "How long the oldest unsent outbox message (not parked) has waited."),
        HubTelemetry.Meter.CreateObservableGauge("networkhub.quarantine.size", () => (double)_latest.QuarantineSize, "{message}",
            "Messages kept in quarantine and not replayed."),
        HubTelemetry.Meter.CreateObservableGauge("networkhub.deadlines.lag", () => _latest.DeadlineLag.TotalSeconds, "s",
            "How long ago the oldest due deadline that has not fired fell due (0 when the scanner is up to date)."),
        HubTelemetry.Meter.CreateObservableGauge("networkhub.access_log.sealer.lag", () => _latest.SealerLag.TotalSeconds, "s",
            "How long the oldest access-log row not yet chained has waited (0 when all are sealed)."),
    ];

    /// <summary>Whether anyone collects the gauges; when not, the sampler does not query.</summary>
    public static bool Observed => Gauges.Any(g => g.Enabled);

    public static async Task<HubBacklog> ReadAsync(HubDbContext db, DateTimeOffset now, int parkAfter, CancellationToken ct)
    {
        var oldestPending = await db.Outbox.Where(o => o.DispatchedAt == null && o.Attempts < parkAfter)
            .OrderBy(o => o.CreatedAt).Select(o => (DateTimeOffset?)o.CreatedAt).FirstOrDefaultAsync(ct);
        var quarantined = await db.Quarantine.LongCountAsync(q => q.ReplayedAt == null, ct);
        var oldestDue = await db.Deadlines.Where(d => d.FiredAt == null && d.CancelledAt == null && d.DueAt <= now)
            .OrderBy(d => d.DueAt).Select(d => (DateTimeOffset?)d.DueAt).FirstOrDefaultAsync(ct);
        var oldestUnsealed = await db.AccessLog.Where(e => e.Sequence == 0)
            .OrderBy(e => EF.Property<long>(e, "Id")).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);
        return new HubBacklog(Since(oldestPending), quarantined, Since(oldestDue), Since(oldestUnsealed));

        TimeSpan Since(DateTimeOffset? then) => then is { } t && t < now ? now - t : TimeSpan.Zero;
    }

    /// <summary>What the gauges report from now on.</summary>
    public static void Report(HubBacklog backlog) => _latest = backlog;
}
