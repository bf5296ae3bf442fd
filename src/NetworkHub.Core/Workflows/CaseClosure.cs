using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Workflows;

/// <summary>A recorded escalation decision (opschaling or afschaling) about a child.</summary>
public sealed class EscalationDecision
{
    public required Guid Id { get; set; }
    public required string SubjectKey { get; set; }
    public required string Kind { get; set; }
    public required string DecidedBy { get; set; }
    public required DateTimeOffset DecidedAt { get; set; }
}

/// <summary>
/// Closing a case: refused while safety concerns about the child are open (a signal about safety, or a
/// hand-over assessed as not safe) unless an escalation decision was recorded after them; on closure the
/// reporters hear "closed".
/// </summary>
public sealed class CaseClosure(HubDbContext db, Pseudonymizer pseudonymizer, SignalIndex signals) : IRoutingStep
{
    public async Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct) => StepVerdict.RuleViolated(await ProblemAsync(work.Message, ct));

    private async Task<string?> ProblemAsync(HubMessage message, CancellationToken ct)
    {
        if (message is not CaseClosed closure)
        {
            return null;
        }

        // Every key the child's records may be filed under: a concern registered before a key rotation still counts.
        var keys = pseudonymizer.SubjectKeyCandidates(closure.Subject, closure.SenderOrganisation).Select(k => k.Value).ToList();
        if (keys.Count == 0)
        {
            return "A closure needs its subject with a BSN or the sender's own reference.";
        }

        var concernSince = await db.Signals.AsNoTracking()
            .Where(s => keys.Contains(s.SubjectKey) && s.SafetyConcern && s.WithdrawnAt == null)
            .Select(s => (DateTimeOffset?)s.RegisteredAt)
            .OrderBy(at => at)
            .FirstOrDefaultAsync(ct);
        var unsafeHandOver = await db.HandOvers.AsNoTracking()
            .Where(h => h.SubjectKey != null && keys.Contains(h.SubjectKey) && h.SafetyConcern)
            .Select(h => (DateTimeOffset?)h.OfferedAt)
            .OrderBy(at => at)
            .FirstOrDefaultAsync(ct);
        var since = new[] { concernSince, unsafeHandOver }.Where(t => t is not null).Min();
        if (since is null)
        {
            return null;
        }

        var decided = await db.EscalationDecisions.AnyAsync(d => keys.Contains(d.SubjectKey) && d.DecidedAt >= since, ct);
        return decided ? null
            : "Safety concerns about this child are open: record an escalation decision (opschaling or afschaling) before closing the case.";
    }

    /// <summary>Records escalation decisions and closures that were routed.</summary>
    public async Task RecordAsync(RoutingWork work, CancellationToken ct)
    {
        var message = work.Message;
        if (message is not (Opschaling or Afschaling or CaseClosed)
            || pseudonymizer.SubjectKeyFor(message.Subject, message.SenderOrganisation)?.Value is not { } key)
        {
            return;
        }

        if (message is CaseClosed)
        {
            var keys = pseudonymizer.SubjectKeyCandidates(message.Subject, message.SenderOrganisation).Select(k => k.Value).ToList();
            await signals.SendFeedbackAsync(work, keys, TerugkoppelingStatus.Closed, [message.SenderOrganisation], ct);
            return;
        }

        db.EscalationDecisions.Add(new EscalationDecision
        {
            Id = message.MessageId,
            SubjectKey = key,
            Kind = message.GetType().Name,
            DecidedBy = message.SenderOrganisation,
            DecidedAt = work.Now,
        });
    }
}
