using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Core.Timelines;

/// <summary>
/// Reads every step of a hand-off, case or MDO from what the hub recorded: the inbox (received), the access log (the
/// policy decision per recipient, and every console action), the ledger (routed, dispatched, acknowledged, returned,
/// overdue), deadlines (pending, fired, cancelled), the outbox (what the hub sent because of it: returns, reminders),
/// quarantine, alerts and the MDO's own records. Each query goes by an indexed id.
/// </summary>
public sealed class TimelineReader(HubDbContext db)
{
    private static readonly string[] MdoContracts = ["V1.MdoUitnodiging", "V1.MdoAnswer", "V1.MdoMinutesShared", "V1.MdoCancelled"];

    private static readonly AccessEventKind[] Decisions = [AccessEventKind.Transfer, AccessEventKind.Refusal, AccessEventKind.Override];

    private static readonly AccessEventKind[] ConsoleActions =
        [AccessEventKind.OperatorAction, AccessEventKind.AccessDenied, AccessEventKind.Unmask, AccessEventKind.ConsoleView];

    public async Task<Timeline> ReadAsync(TimelineKey key, CancellationToken ct)
    {
        var steps = new List<TimelineStep>();
        var messages = new HashSet<Guid> { key.Id }; // a case may be traced by the id of the message that opened it (a signal)
        var references = new HashSet<Guid>();
        if (key.Kind == TimelineKind.Case && await db.Mdos.AsNoTracking().AnyAsync(m => m.Id == key.Id, ct))
        {
            key = key with { Kind = TimelineKind.Mdo }; // an alert about an MDO names it as its case
        }

        switch (key.Kind)
        {
            case TimelineKind.Case:
                references.Add(key.Id);
                messages.UnionWith(await db.HandOffs.AsNoTracking().Where(h => h.CorrelationId == key.Id).Select(h => h.MessageId).Distinct().ToListAsync(ct));
                break;
            case TimelineKind.Mdo:
                references.Add(key.Id);
                await MdoAsync(key.Id, steps, messages, references, ct);
                break;
        }

        Guid[] messageIds = [.. messages];
        var handOffs = await db.HandOffs.AsNoTracking().Where(h => messageIds.Contains(h.MessageId)).ToListAsync(ct);
        await ReceivedAsync(handOffs, messageIds, steps, ct);
        await DecisionsAsync(messageIds, steps, ct);
        foreach (var handOff in handOffs)
        {
            steps.AddRange(Ledger(handOff));
        }

        var forHandOff = handOffs.ToDictionary(h => h.Id);
        Guid[] referenced = [.. forHandOff.Keys, .. references];
        var deadlines = await db.Deadlines.AsNoTracking().Where(d => referenced.Contains(d.Reference)).ToListAsync(ct);
        var caused = await CausedAsync([.. messageIds, .. deadlines.Select(d => d.Id)], messages, ct);
        Guid[] cases = [.. references], events = [.. caused.Events, key.Id];
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => (a.CorrelationId != null && cases.Contains(a.CorrelationId.Value)) || events.Contains(a.EventId))
            .ToListAsync(ct);
        string[] involved = [.. steps.SelectMany(s => s.Parties).Concat(alerts.SelectMany(Concerns)).Distinct()]; // a case's own deadlines concern everyone in it
        steps.AddRange(deadlines.Select(d => Deadline(d, forHandOff.GetValueOrDefault(d.Reference) is { } h ? [h.Sender, h.Recipient] : involved)));
        steps.AddRange(caused.Sent);
        steps.AddRange(alerts.SelectMany(Alert));
        await ActionsAsync([.. messages, .. references, .. alerts.Select(a => a.EventId)], alerts, steps, ct);

        // In time order; steps of the same moment keep the order they happen in (received, decided, routed, ...). The same
        // moment to the millisecond: the access log keeps microseconds, the ledger whatever the database keeps.
        return new Timeline(key, [.. steps.Select((s, i) => (s, i))
            .OrderBy(x => x.s.At.UtcTicks / TimeSpan.TicksPerMillisecond).ThenBy(x => x.s.Kind).ThenBy(x => x.i).Select(x => x.s)]);
    }

    /// <summary>The timeline an alert belongs to: the case or MDO it names, or the alert alone when it names none.</summary>
    public async Task<TimelineKey?> OfAlertAsync(long alertId, CancellationToken ct) =>
        await db.Alerts.AsNoTracking().Where(a => a.Id == alertId).Select(a => new { a.CorrelationId, a.EventId }).FirstOrDefaultAsync(ct) is { } alert
            ? new TimelineKey(TimelineKind.Case, alert.CorrelationId ?? alert.EventId)
            : null;

    private async Task MdoAsync(Guid mdoId, List<TimelineStep> steps, HashSet<Guid> messages, HashSet<Guid> references, CancellationToken ct)
    {
        if (await db.Mdos.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mdoId, ct) is not { } mdo)
        {
            return;
        }

        string[] everyone = [mdo.Convener, .. mdo.InviteeList];
        steps.Add(new(mdo.ConvenedAt, TimelineStepKind.Mdo, $"{mdo.Convener} convened the MDO; {mdo.InviteeList.Count} organisations invited", everyone)
        {
            Detail = $"Invited: {string.Join(", ", mdo.InviteeList)}. Answers by {mdo.RsvpDeadline:yyyy-MM-dd HH:mm}Z.",
        });
        foreach (var answer in await db.MdoAnswers.AsNoTracking().Where(a => a.MdoId == mdoId).ToListAsync(ct))
        {
            steps.Add(new(answer.AnsweredAt, TimelineStepKind.Mdo, $"{answer.Organisation} answered: {answer.Response}", [answer.Organisation, mdo.Convener]));
        }

        if (mdo.MinutesSharedAt is { } shared)
        {
            steps.Add(new(shared, TimelineStepKind.Mdo, $"{mdo.Convener} shared the minutes with the attendees", everyone));
        }

        if (mdo.CancelledAt is { } cancelled)
        {
            steps.Add(new(cancelled, TimelineStepKind.Mdo, $"{mdo.Convener} cancelled the MDO", everyone));
        }

        foreach (var evaluation in await db.Evaluations.AsNoTracking().Where(e => e.MdoId == mdoId).ToListAsync(ct))
        {
            references.Add(evaluation.Id);
            messages.Add(evaluation.Id); // the minutes (or postponement) that set the date
            string[] regisseur = [evaluation.RegisseurOrganisation];
            steps.Add(new(evaluation.SetAt, TimelineStepKind.Mdo, $"Evaluation due on {evaluation.DueOn:yyyy-MM-dd}, regisseur {evaluation.RegisseurOrganisation}", regisseur));
            if (evaluation.EndedAt is { } ended)
            {
                steps.Add(new(ended, TimelineStepKind.Mdo, $"Evaluation date ended: {evaluation.EndedBy}", regisseur));
            }
        }

        // The invitation is the convener's message recorded in the same transaction as the MDO; its case carries the other MDO messages.
        var invitation = await db.HandOffs.AsNoTracking()
            .Where(h => h.Sender == mdo.Convener && h.Contract == MdoContracts[0] && h.CreatedAt == mdo.ConvenedAt)
            .Select(h => new { h.MessageId, h.CorrelationId }).FirstOrDefaultAsync(ct);
        if (invitation is not null)
        {
            messages.UnionWith(await db.HandOffs.AsNoTracking()
                .Where(h => h.CorrelationId == invitation.CorrelationId && MdoContracts.Contains(h.Contract)).Select(h => h.MessageId).Distinct().ToListAsync(ct));
        }
    }

    private async Task ReceivedAsync(List<HandOff> handOffs, Guid[] messages, List<TimelineStep> steps, CancellationToken ct)
    {
        foreach (var received in await db.Inbox.AsNoTracking().Where(i => messages.Contains(i.MessageId)).ToListAsync(ct))
        {
            var recipients = handOffs.Where(h => h.MessageId == received.MessageId).Select(h => h.Recipient).ToArray();
            string[] parties = [.. OrganisationsOnly([received.Sender]), .. recipients];
            steps.Add(new(received.ReceivedAt, TimelineStepKind.Received, $"The hub received {received.Contract} from {received.Sender ?? "an unknown sender"}", parties)
            {
                MessageId = received.MessageId,
                Contract = received.Contract,
                Detail = $"Outcome: {received.Outcome}" + (recipients.Length > 0 ? $"; routed to {string.Join(", ", recipients)}." : "."),
            });
        }

        foreach (var kept in await db.Quarantine.AsNoTracking().Where(q => q.MessageId != null && messages.Contains(q.MessageId.Value)).ToListAsync(ct))
        {
            steps.Add(new(kept.ReceivedAt, TimelineStepKind.Quarantined, "Kept in quarantine and returned to its sender", OrganisationsOnly([kept.Sender]))
            {
                MessageId = kept.MessageId,
                Contract = kept.Contract,
                Code = kept.Code,
                Detail = kept.ReplayedAt is { } replayed ? $"Replayed at {replayed:yyyy-MM-dd HH:mm:ss}Z." : null,
            });
        }
    }

    private async Task DecisionsAsync(Guid[] messages, List<TimelineStep> steps, CancellationToken ct)
    {
        var rows = await db.AccessLog.AsNoTracking()
            .Where(e => e.MessageId != null && messages.Contains(e.MessageId.Value) && Decisions.Contains(e.Event))
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            var allowed = row.Event != AccessEventKind.Refusal;
            var verdict = row.Event switch
            {
                AccessEventKind.Override => "allowed by an override (meldcode / child protection)",
                AccessEventKind.Refusal => "refused",
                _ => "allowed",
            };
            steps.Add(new(row.At, TimelineStepKind.Decision, $"Policy decision for {row.Recipient}: {verdict}", OrganisationsOnly([row.OnBehalfOf, row.Recipient]))
            {
                MessageId = row.MessageId,
                Code = allowed ? null : row.Code,
                Rule = row.RuleId,
                Basis = row.Basis,
                Purpose = row.Purpose,
                Consent = ConsentMask.Mask(row.ConsentReference),
                Detail = ConsentMask.MaskIn(row.Reason, row.ConsentReference),
            });
        }
    }

    private static IEnumerable<TimelineStep> Ledger(HandOff h)
    {
        string[] parties = [h.Sender, h.Recipient];
        yield return new(h.CreatedAt, TimelineStepKind.Routed, $"Routed to {h.Recipient}", parties)
        {
            MessageId = h.MessageId,
            Contract = h.Contract,
            Detail = h.AcknowledgementDueAt is { } due ? $"To acknowledge or return by {due:yyyy-MM-dd HH:mm}Z." : null,
        };
        if (h.DispatchedAt is { } dispatched)
        {
            yield return new(dispatched, TimelineStepKind.Dispatched, $"Handed to the broker for {h.Recipient}", parties) { MessageId = h.MessageId };
        }

        if (h.OverdueAt is { } overdue)
        {
            yield return new(overdue, TimelineStepKind.Overdue, $"Overdue: {h.Recipient} did not answer in time", parties) { MessageId = h.MessageId };
        }

        if (h.AcknowledgedAt is { } acknowledged)
        {
            yield return new(acknowledged, TimelineStepKind.Acknowledged, $"{h.Recipient} acknowledged it", parties) { MessageId = h.MessageId };
        }

        if (h.ReturnedAt is { } returned)
        {
            yield return new(returned, TimelineStepKind.Returned, $"{h.Recipient} returned it", parties) { MessageId = h.MessageId, Code = h.ReturnCode };
        }
    }

    private static TimelineStep Deadline(Deadline d, IReadOnlyList<string> parties) => d switch
    {
        { FiredAt: { } fired } => new(fired, TimelineStepKind.Deadline, $"Deadline passed: {d.Kind}", parties) { Detail = $"Due {d.DueAt:yyyy-MM-dd HH:mm}Z." },
        { CancelledAt: { } cancelled } => new(cancelled, TimelineStepKind.Deadline, $"Deadline no longer needed: {d.Kind}", parties)
        {
            Detail = $"Was due {d.DueAt:yyyy-MM-dd HH:mm}Z; answered or moved on before.",
        },
        _ => new(d.DueAt, TimelineStepKind.Deadline, $"Deadline pending: {d.Kind}", parties) { Pending = true },
    };

    /// <summary>What the hub sent because of these messages and deadlines (returns, reminders, escalations), and the events it raised as alerts.</summary>
    private async Task<(List<TimelineStep> Sent, List<Guid> Events)> CausedAsync(Guid[] causes, HashSet<Guid> messages, CancellationToken ct)
    {
        var rows = await db.Outbox.AsNoTracking()
            .Where(o => causes.Contains(o.CausationId))
            .Select(o => new { o.MessageId, o.Destination, o.Contract, o.CreatedAt, o.DispatchedAt })
            .ToListAsync(ct);
        var events = rows.Where(r => r.Destination == OutboxDestinations.Events).Select(r => r.MessageId).ToList();

        // Copies of the messages themselves are the ledger's routed steps; events to the operators are the alerts.
        var sent = rows.Where(r => r.Destination != OutboxDestinations.Events && !messages.Contains(r.MessageId))
            .Select(r => new TimelineStep(r.CreatedAt, TimelineStepKind.HubMessage, $"The hub sent {r.Contract} to {r.Destination}", [r.Destination])
            {
                MessageId = r.MessageId,
                Contract = r.Contract,
                Detail = r.DispatchedAt is null ? "Not yet taken by the broker." : null,
            })
            .ToList();
        return (sent, events);
    }

    private static IEnumerable<TimelineStep> Alert(AlertRecord a)
    {
        var concerns = Concerns(a);
        yield return new(a.RaisedAt, TimelineStepKind.Alert, $"Alert #{a.Id} raised: {a.Kind}", concerns) { Detail = a.Summary, AlertId = a.Id };
        if (a.AcknowledgedAt is { } picked)
        {
            yield return new(picked, TimelineStepKind.Alert, $"Alert #{a.Id} picked up by {a.AcknowledgedBy}", concerns) { AlertId = a.Id };
        }

        if (a.ResolvedAt is { } resolved)
        {
            // The note is free text, which may name someone: not shown.
            yield return new(resolved, TimelineStepKind.Alert, $"Alert #{a.Id} resolved by {a.ResolvedBy}", concerns) { AlertId = a.Id };
        }
    }

    /// <summary>Console and operator-tool actions on these ids: triage, replay, unmask, views; each an access-log row.</summary>
    private async Task ActionsAsync(Guid[] ids, List<AlertRecord> alerts, List<TimelineStep> steps, CancellationToken ct)
    {
        var rows = await db.AccessLog.AsNoTracking()
            .Where(e => e.MessageId != null && ids.Contains(e.MessageId.Value) && ConsoleActions.Contains(e.Event))
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            var about = alerts.FirstOrDefault(a => a.EventId == row.MessageId);
            steps.Add(new(row.At, TimelineStepKind.ConsoleAction, $"{row.Actor} ({row.OnBehalfOf}): {Describe(row.Event)}",
                [.. OrganisationsOnly([row.OnBehalfOf]), .. about is null ? [] : Concerns(about)])
            {
                Actor = row.Actor,
                Detail = row.Reason,
            });
        }
    }

    private static string Describe(AccessEventKind kind) => kind switch
    {
        AccessEventKind.ConsoleView => "viewed this timeline",
        AccessEventKind.Unmask => "unmasked a field",
        AccessEventKind.AccessDenied => "was refused",
        _ => "acted",
    };

    private static string[] Concerns(AlertRecord a) => a.Organisations.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string[] OrganisationsOnly(IEnumerable<string?> codes) =>
        [.. codes.OfType<string>().Where(c => c != HubTopology.HubOrganisation)];
}
