using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;

namespace NetworkHub.Core.Workflows;

/// <summary>
/// Evaluations that are not skipped (the inspections found plans nobody evaluated and cases that hung): an MDO's minutes
/// set the next evaluation date and name the regisseur. When the date passes without new minutes about the child, a
/// closure or a postponement, the regisseur's organisation is reminded; after the grace the operators get a
/// stale-case alert. Only that regisseur postpones, with a reason the hub requires and keeps to itself.
/// </summary>
public sealed class EvaluationWorkflow(HubDbContext db, OrganisationRegistry registry, Pseudonymizer pseudonymizer, IDeadlineCalendar deadlines,
    WorkingDayCalendar calendar) : IRoutingStep, IDeadlineStep
{
    /// <summary>The reminder goes to the regisseur the minutes name: it must be an organisation the hub can reach.</summary>
    public Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct) => Task.FromResult(
        work.Message is MdoMinutesShared minutes && registry.Find(minutes.RegisseurOrganisation) is null
            ? StepVerdict.RuleViolated($"The minutes name regisseur '{minutes.RegisseurOrganisation}', which is not a known organisation.")
            : null);

    /// <summary>New minutes end the child's open evaluation and set the next; a closure ends it.</summary>
    public async Task RecordAsync(RoutingWork work, CancellationToken ct)
    {
        switch (work.Message)
        {
            case MdoMinutesShared minutes:
                var mdo = await db.Mdos.AsNoTracking().SingleAsync(m => m.Id == minutes.MdoId, ct); // the MDO check found it
                await EndAsync(await LockOpenAsync(e => e.SubjectKey == mdo.SubjectKey, ct), EvaluationEnd.NewMinutes, work.Now, ct);
                Start(minutes.MessageId, mdo.Id, mdo.SubjectKey, minutes.RegisseurOrganisation, minutes.NextEvaluationOn, work.Now);
                break;

            case CaseClosed closure:
                var keys = pseudonymizer.SubjectKeyCandidates(closure.Subject, closure.SenderOrganisation).Select(k => k.Value).ToList();
                await EndAsync(await LockOpenAsync(e => keys.Contains(e.SubjectKey), ct), EvaluationEnd.CaseClosed, work.Now, ct);
                break;
        }
    }

    /// <summary>Handles a postponement (addressed to the hub alone); null for any other message.</summary>
    public async Task<RoutingResult?> HandleAsync(RoutingWork work, CancellationToken ct)
    {
        if (work.Message is not EvaluationPostponed postponed)
        {
            return null;
        }

        var sender = postponed.SenderOrganisation;
        var open = await LockOpenAsync(e => e.MdoId == postponed.MdoId && e.RegisseurOrganisation == sender, ct);
        if (open.Count == 0)
        {
            // Unknown and someone else's look the same to the sender: only the regisseur learns that the MDO has a date.
            work.Return(sender, ReturnCode.UnknownEvaluation, $"No evaluation date of MDO {postponed.MdoId} has {sender} as its regisseur.");
            return work.Result(RoutingOutcome.Returned, ReturnCode.UnknownEvaluation);
        }

        if (postponed.NextEvaluationOn <= calendar.LocalDate(work.Now))
        {
            work.Return(sender, ReturnCode.DomainRuleViolated, "A postponed evaluation needs a new date after today.");
            return work.Result(RoutingOutcome.Returned, ReturnCode.DomainRuleViolated);
        }

        await EndAsync(open, EvaluationEnd.Postponed, work.Now, ct);
        Start(postponed.MessageId, postponed.MdoId, open[0].SubjectKey, sender, postponed.NextEvaluationOn, work.Now);
        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    /// <summary>
    /// The open evaluations that match, locked before they are read: a deadline of one firing at the same moment either
    /// went first (and this finds what it left) or finds the evaluation ended.
    /// </summary>
    private async Task<List<EvaluationRecord>> LockOpenAsync(Expression<Func<EvaluationRecord, bool>> which, CancellationToken ct)
    {
        var candidates = await db.Evaluations.AsNoTracking().Where(e => e.EndedAt == null).Where(which).Select(e => e.Id).ToListAsync(ct);
        foreach (var id in candidates.Order())
        {
            await db.LockRowAsync<EvaluationRecord>(id, ct);
        }

        return await db.Evaluations.Where(e => e.EndedAt == null).Where(which).ToListAsync(ct);
    }

    private async Task EndAsync(IEnumerable<EvaluationRecord> open, EvaluationEnd end, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var evaluation in open)
        {
            evaluation.EndedAt = now;
            evaluation.EndedBy = end;
            await db.Deadlines.Where(d => d.Reference == evaluation.Id && d.FiredAt == null && d.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAt, now), ct);
        }
    }

    private void Start(Guid id, Guid mdoId, string subjectKey, string regisseur, DateOnly dueOn, DateTimeOffset now)
    {
        db.Evaluations.Add(new EvaluationRecord
        {
            Id = id, MdoId = mdoId, SubjectKey = subjectKey, RegisseurOrganisation = regisseur, DueOn = dueOn, SetAt = now,
        });
        db.Deadlines.Add(Deadline.For(id, DeadlineKind.EvaluationDue, calendar.EndOf(dueOn), now));
    }

    public bool Fires(DeadlineKind kind) => kind is DeadlineKind.EvaluationDue or DeadlineKind.EvaluationStale;

    public Task LockAsync(Deadline deadline, CancellationToken ct) => db.LockRowAsync<EvaluationRecord>(deadline.Reference, ct);

    /// <summary>The date passed: remind the regisseur; the grace passed too: alert the operators. Either only while the evaluation is still open.</summary>
    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        if (await db.Evaluations.FirstOrDefaultAsync(e => e.Id == deadline.Reference, ct) is not { EndedAt: null } evaluation)
        {
            return;
        }

        if (deadline.Kind == DeadlineKind.EvaluationDue)
        {
            evaluation.RemindedAt = now;
            outbox.Add(HubMessages.EvaluationOverdue(deadline, evaluation, now), evaluation.RegisseurOrganisation, deadline.Id);
            db.Deadlines.Add(Deadline.For(evaluation.Id, DeadlineKind.EvaluationStale, deadlines.DueAfter(deadline.DueAt, DeadlineKind.EvaluationStale), now));
            return;
        }

        outbox.Add(HubMessages.CaseStale(deadline, StaleCaseKind.EvaluationOverdue, evaluation.MdoId, [evaluation.RegisseurOrganisation],
            calendar.EndOf(evaluation.DueOn), now),
            OutboxDestinations.Events, deadline.Id);
    }
}
