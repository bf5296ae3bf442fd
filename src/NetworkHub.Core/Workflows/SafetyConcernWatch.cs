using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Workflows;

/// <summary>
/// Open safety concerns must not go quiet. A concern (a signal about safety, or a hand-over whose safety assessment was
/// not "safe", as <see cref="CaseClosure"/> counts them) is watched until an escalation decision about the child settles
/// it: when no step about the child was taken for the threshold — no message about it reached anyone, as the access
/// log shows — the operators get a stale-case alert, once. A watch that finds the case moved starts over from its last step.
/// </summary>
public sealed class SafetyConcernWatch(HubDbContext db, IDeadlineCalendar deadlines) : IDeadlineStep
{
    /// <summary>Starts watching the concern raised by this signal or hand-over.</summary>
    public static void Start(HubDbContext db, IDeadlineCalendar deadlines, Guid concern, DateTimeOffset now) =>
        db.Deadlines.Add(Deadline.For(concern, DeadlineKind.SafetyConcernUnattended, deadlines.DueAfter(now, DeadlineKind.SafetyConcernUnattended), now));

    public bool Fires(DeadlineKind kind) => kind == DeadlineKind.SafetyConcernUnattended;

    /// <summary>The watch only reads and raises an alert: a step at the same moment counts as just after it.</summary>
    public Task LockAsync(Deadline deadline, CancellationToken ct) => Task.CompletedTask;

    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        if (await OpenConcernAsync(deadline.Reference, now, ct) is not var (subjectKey, raisedAt, raisedBy)
            || await db.EscalationDecisions.AnyAsync(d => d.SubjectKey == subjectKey && d.DecidedAt >= raisedAt, ct))
        {
            return;
        }

        var lastStep = await db.AccessLog.AsNoTracking()
            .Where(e => e.SubjectKey == subjectKey && (e.Event == AccessEventKind.Transfer || e.Event == AccessEventKind.Override))
            .MaxAsync(e => (DateTimeOffset?)e.At, ct);
        var quietSince = lastStep > raisedAt ? lastStep.Value : raisedAt;
        var due = deadlines.DueAfter(quietSince, DeadlineKind.SafetyConcernUnattended);
        if (due > now)
        {
            db.Deadlines.Add(deadline.Later(due, now));
            return;
        }

        var regisseurs = await db.Regie.AsNoTracking().Where(r => r.SubjectKey == subjectKey).Select(r => r.RegisseurOrganisation).ToListAsync(ct);
        outbox.Add(HubMessages.CaseStale(deadline, StaleCaseKind.SafetyConcernUnattended, deadline.Reference, [.. raisedBy, .. regisseurs], quietSince, now),
            OutboxDestinations.Events, deadline.Id);
    }

    /// <summary>The child, the moment and the organisations of a concern that is still open; null when it was withdrawn or expired.</summary>
    private async Task<(string SubjectKey, DateTimeOffset RaisedAt, string[] RaisedBy)?> OpenConcernAsync(Guid concern, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Signals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == concern, ct) is { } signal)
        {
            return signal.WithdrawnAt is null && signal.ExpiresAt > now ? (signal.SubjectKey, signal.RegisteredAt, [signal.Sender]) : null;
        }

        return await db.HandOvers.AsNoTracking().FirstOrDefaultAsync(h => h.Id == concern, ct) is { SubjectKey: { } key } handOver
            ? (key, handOver.OfferedAt, [handOver.Sender, handOver.Receiver])
            : null;
    }
}
