using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Workflows;

/// <summary>An escalation waiting for its answer.</summary>
public sealed class EscalationRecord
{
    public required Guid Id { get; set; }
    public required string Sender { get; set; }

    /// <summary>Organisation codes it went to, comma-separated.</summary>
    public required string Recipients { get; set; }
    public required DateTimeOffset AnswerBefore { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}

/// <summary>
/// Escalations must not bounce or hang: each has an owner, a reason and an answer date. The hub records the
/// answer (<see cref="OpschalingAnswered"/>) and, when the date passes without one, alerts the escalating
/// organisation and the operators with the escalation's age visible.
/// </summary>
public sealed class EscalationWorkflow(HubDbContext db) : IRoutingStep, IDeadlineStep
{
    public async Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct) => StepVerdict.RuleViolated(await ProblemAsync(work.Message, ct));

    private async Task<string?> ProblemAsync(HubMessage message, CancellationToken ct)
    {
        if (message is not OpschalingAnswered answer)
        {
            return null;
        }

        await db.LockRowAsync<EscalationRecord>(answer.OpschalingMessageId, ct); // the answer and the escalation's deadline take turns
        var escalation = await db.Escalations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == answer.OpschalingMessageId, ct);
        return escalation is null || !escalation.Recipients.Split(',').Contains(answer.SenderOrganisation)
            ? $"No escalation {answer.OpschalingMessageId} was addressed to {answer.SenderOrganisation}."
            : null;
    }

    public async Task RecordAsync(RoutingWork work, CancellationToken ct)
    {
        switch (work.Message)
        {
            case Opschaling escalation:
                db.Escalations.Add(new EscalationRecord
                {
                    Id = escalation.MessageId,
                    Sender = escalation.SenderOrganisation,
                    Recipients = string.Join(',', escalation.Recipients),
                    AnswerBefore = escalation.AnswerBefore.ToUniversalTime(),
                });
                db.Deadlines.Add(Deadline.For(escalation.MessageId, DeadlineKind.EscalationAnswer, escalation.AnswerBefore, work.Now));
                break;

            case OpschalingAnswered answer:
                var answered = await db.Escalations.SingleAsync(e => e.Id == answer.OpschalingMessageId, ct);
                answered.AnsweredAt ??= work.Now;
                await db.Deadlines.Where(d => d.Reference == answered.Id && d.FiredAt == null && d.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAt, work.Now), ct);
                break;
        }
    }

    public bool Fires(DeadlineKind kind) => kind == DeadlineKind.EscalationAnswer;

    public Task LockAsync(Deadline deadline, CancellationToken ct) => db.LockRowAsync<EscalationRecord>(deadline.Reference, ct);

    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        if (await db.Escalations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == deadline.Reference, ct) is not { AnsweredAt: null } escalation)
        {
            return;
        }

        HubMessages.AlertOverdue(outbox, deadline, "unanswered", escalation.Id, escalation.Sender, escalation.Id, escalation.Recipients, escalation.AnswerBefore, now);
    }
}
