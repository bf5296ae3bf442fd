using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Workflows;

/// <summary>
/// The warm hand-over as a task with a lifecycle. The hub checks each step against the state before routing
/// it, records it after, and keeps the deadlines: no acceptance → a reminder to the receiver, then an
/// escalation to the sender and the operators; accepted but no first contact in time → the hand-over goes
/// back to the sender automatically (the Almelo rule), and both sides and the operators see it.
/// </summary>
public sealed class HandOverWorkflow(HubDbContext db, IDeadlineCalendar deadlines, Pseudonymizer pseudonymizer, SignalIndex signals) : IRoutingStep, IDeadlineStep
{
    private static bool IsHandOverMessage(HubMessage message) => message is WarmeOverdrachtOffered or WarmeOverdrachtAccepted
        or WarmeOverdrachtDeclined or FirstContactConfirmed or WarmeOverdrachtCompleted or WarmeOverdrachtReturned;

    /// <summary>Refuses a step that cannot be taken now.</summary>
    public async Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct) => StepVerdict.RuleViolated(await ProblemAsync(work.Message, ct));

    private async Task<string?> ProblemAsync(HubMessage message, CancellationToken ct)
    {
        if (!IsHandOverMessage(message))
        {
            return null;
        }

        // A step and a deadline of one hand-over take turns: each then finds the state the other left.
        await db.LockRowAsync<HandOverRecord>(message.CorrelationId, ct);
        var record = await db.HandOvers.AsNoTracking().FirstOrDefaultAsync(h => h.Id == message.CorrelationId, ct);
        if (message is WarmeOverdrachtOffered)
        {
            return record is not null ? $"Warm hand-over {message.CorrelationId} was already offered."
                : message.Recipients.Count != 1 ? "A warm hand-over goes to exactly one receiver."
                : null;
        }

        if (record is null)
        {
            return $"No warm hand-over {message.CorrelationId} exists.";
        }

        if (message.SenderOrganisation != record.Receiver)
        {
            return $"Only the receiver of warm hand-over {record.Id} ({record.Receiver}) takes its next step.";
        }

        var follows = message switch
        {
            WarmeOverdrachtAccepted or WarmeOverdrachtDeclined => record.State == HandOverState.Offered,
            FirstContactConfirmed => record.State == HandOverState.Accepted,
            WarmeOverdrachtCompleted => record.State == HandOverState.FirstContactMade,
            _ => record.State is HandOverState.Offered or HandOverState.Accepted or HandOverState.FirstContactMade, // returned by the receiver
        };
        return follows ? null : $"Warm hand-over {record.Id} is {record.State}; {message.GetType().Name} does not follow that.";
    }

    /// <summary>Records a step that was routed, and sets or clears the deadlines it brings.</summary>
    public async Task RecordAsync(RoutingWork work, CancellationToken ct)
    {
        var message = work.Message;
        if (message is WarmeOverdrachtOffered offer)
        {
            var created = new HandOverRecord
            {
                Id = offer.CorrelationId,
                OfferMessageId = offer.MessageId,
                Sender = offer.SenderOrganisation,
                Receiver = offer.Recipients[0],
                OriginType = offer.OriginType,
                OriginOrganisation = offer.OriginOrganisation,
                SubjectKey = pseudonymizer.SubjectKeyFor(offer.Subject, offer.SenderOrganisation)?.Value,
                SafetyConcern = offer.Veiligheidsinschatting is { Outcome: not SafetyOutcome.Safe },
                State = HandOverState.Offered,
                OfferedAt = work.Now,
                FirstContactBefore = offer.FirstContactBefore?.ToUniversalTime(),
            };
            db.HandOvers.Add(created);
            Schedule(created.Id, DeadlineKind.HandOverAcceptance, offer.RespondBefore?.ToUniversalTime() ?? Due(work.Now, DeadlineKind.HandOverAcceptance), work.Now);
            if (created.SafetyConcern && created.SubjectKey is not null)
            {
                SafetyConcernWatch.Start(db, deadlines, created.Id, work.Now);
            }

            return;
        }

        if (!IsHandOverMessage(message) || await db.HandOvers.FirstOrDefaultAsync(h => h.Id == message.CorrelationId, ct) is not { } record)
        {
            return;
        }

        // First contact leaves the completion deadline running: the hand-over still has to be completed.
        await CancelAsync(record.Id, work.Now, keepCompletion: message is FirstContactConfirmed, ct);
        switch (message)
        {
            case WarmeOverdrachtAccepted:
                record.State = HandOverState.Accepted;
                record.AcceptedAt = work.Now;
                Schedule(record.Id, DeadlineKind.FirstContact, record.FirstContactBefore ?? Due(work.Now, DeadlineKind.FirstContact), work.Now);
                Schedule(record.Id, DeadlineKind.HandOverCompletion, Due(work.Now, DeadlineKind.HandOverCompletion), work.Now);
                if (record.SubjectKey is { } subjectKey)
                {
                    await signals.SendFeedbackAsync(work, [subjectKey], TerugkoppelingStatus.HandedOver, [record.Sender, record.Receiver], ct);
                }

                break;
            case FirstContactConfirmed:
                record.State = HandOverState.FirstContactMade;
                record.FirstContactAt = work.Now;
                break;
            case WarmeOverdrachtDeclined:
                Close(record, HandOverState.Declined, work.Now);
                break;
            case WarmeOverdrachtCompleted:
                Close(record, HandOverState.Completed, work.Now);
                break;
            case WarmeOverdrachtReturned:
                Close(record, HandOverState.Returned, work.Now);
                break;
        }
    }

    public bool Fires(DeadlineKind kind) =>
        kind is DeadlineKind.HandOverAcceptance or DeadlineKind.HandOverEscalation or DeadlineKind.FirstContact or DeadlineKind.HandOverCompletion;

    public Task LockAsync(Deadline deadline, CancellationToken ct) => db.LockRowAsync<HandOverRecord>(deadline.Reference, ct);

    /// <summary>A hand-over deadline came due; it was claimed in the caller's transaction, so this runs once.</summary>
    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        if (await db.HandOvers.FirstOrDefaultAsync(h => h.Id == deadline.Reference, ct) is not { } record)
        {
            return;
        }

        switch (deadline.Kind)
        {
            case DeadlineKind.HandOverAcceptance when record.State == HandOverState.Offered:
                record.RemindedAt = now;
                outbox.Add(HubMessages.HandOverReminder(deadline, record, now), record.Receiver, deadline.Id);
                Schedule(record.Id, DeadlineKind.HandOverEscalation, Due(now, DeadlineKind.HandOverEscalation), now);
                break;

            case DeadlineKind.HandOverEscalation when record.State == HandOverState.Offered:
                record.EscalatedAt = now;
                var escalated = HubMessages.HandOverEscalated(deadline, record, now);
                outbox.Add(escalated, record.Sender, deadline.Id);
                outbox.Add(escalated, OutboxDestinations.Events, deadline.Id);
                break;

            case DeadlineKind.FirstContact when record.State == HandOverState.Accepted:
                Close(record, HandOverState.Returned, now);
                var returned = HubMessages.HandOverReturned(deadline, record, now);
                outbox.Add(returned, record.Sender, deadline.Id);
                outbox.Add(returned, record.Receiver, deadline.Id);
                outbox.Add(returned, OutboxDestinations.Events, deadline.Id);
                break;

            case DeadlineKind.HandOverCompletion when record.State is HandOverState.Accepted or HandOverState.FirstContactMade:
                var lastStep = record.FirstContactAt ?? record.AcceptedAt ?? record.OfferedAt;
                outbox.Add(HubMessages.CaseStale(deadline, StaleCaseKind.HandOverNotCompleted, record.Id, [record.Sender, record.Receiver], lastStep, now),
                    OutboxDestinations.Events, deadline.Id);
                break;
        }
    }

    private DateTimeOffset Due(DateTimeOffset from, DeadlineKind kind) => deadlines.DueAfter(from, kind).ToUniversalTime();

    private void Schedule(Guid handOver, DeadlineKind kind, DateTimeOffset due, DateTimeOffset now) =>
        db.Deadlines.Add(Deadline.For(handOver, kind, due, now));

    private Task CancelAsync(Guid handOver, DateTimeOffset now, bool keepCompletion, CancellationToken ct) =>
        db.Deadlines.Where(d => d.Reference == handOver && d.FiredAt == null && d.CancelledAt == null)
            .Where(d => !keepCompletion || d.Kind != DeadlineKind.HandOverCompletion)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAt, now), ct);

    private static void Close(HandOverRecord record, HandOverState state, DateTimeOffset now)
    {
        record.State = state;
        record.ClosedAt = now;
    }
}
