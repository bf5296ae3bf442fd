using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Time;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Core.Steering;

/// <summary>Who asks for a trace, for which organisation, through what (console, operator tool) and why.</summary>
public sealed record TraceRequester(string Actor, string OnBehalfOf, string Via, string Why);

/// <summary>"Every hand-over that originated at <see cref="Origin"/> between two dates" (Dutch local dates, both included), optionally in one state.</summary>
public sealed record HandOverQuery(string Origin, DateOnly From, DateOnly Until, HandOverState? State = null);

/// <summary>One warm hand-over as the trace shows it: organisation codes, its id, state and age; nothing about the family.</summary>
public sealed record HandOverLine(Guid Id, string Origin, string Sender, string Receiver, HandOverState State, DateTimeOffset OfferedAt,
    DateTimeOffset LastStepAt, TimeSpan Age);

public sealed record HandOverList(DateTimeOffset Now, IReadOnlyList<HandOverLine> HandOvers, bool Truncated);

/// <summary>One thing that happened in a case: when, what (a contract or a step), between which organisations, its state and id.</summary>
public sealed record CaseEvent(DateTimeOffset At, string What, string? From, string? To, string? State, Guid? Reference);

/// <summary>Everything the hub recorded under one partner's reference for a child; the reference itself only masked.</summary>
public sealed record CaseHistory(string MaskedReference, string Sender, IReadOnlyList<CaseEvent> Events);

/// <summary>
/// Traces warm hand-overs by origin and period, and a case by a partner's own reference (the inspectors found Veilig
/// Thuis hand-overs untraceable). One query for the console and the operator tool; every query is itself a row of the
/// access log (who, for which organisation, what was asked and why), written before anything is read.
/// </summary>
public sealed class HandOverTrace(HubDbContext db, WorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>Three years of a region's hand-overs from Veilig Thuis (benchmarks-steering.md); a longer list is cut and says so.</summary>
    public const int MaxLines = 20_000;

    public async Task<HandOverList> ListAsync(HandOverQuery query, TraceRequester who, CancellationToken ct)
    {
        var state = query.State is { } s ? $", state {s}" : "";
        await LogAsync(who, $"hand-overs originating at {query.Origin} from {query.From:yyyy-MM-dd} to {query.Until:yyyy-MM-dd}{state}", null, ct);
        var (from, until) = (calendar.StartOf(query.From), calendar.StartOf(query.Until.AddDays(1)));
        var origin = query.Origin;
        var handOvers = db.HandOvers.AsNoTracking()
            .Where(h => h.OriginOrganisation == origin || (h.OriginOrganisation == null && h.Sender == origin)) // kept before the origin was
            .Where(h => h.OfferedAt >= from && h.OfferedAt < until);
        if (query.State is { } wanted)
        {
            handOvers = handOvers.Where(h => h.State == wanted);
        }

        var rows = await handOvers.OrderBy(h => h.OfferedAt).Take(MaxLines + 1).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return new(now, [.. rows.Take(MaxLines).Select(h => new HandOverLine(h.Id, h.OriginOrganisation ?? h.Sender, h.Sender, h.Receiver, h.State,
            h.OfferedAt, LastStep(h), now - h.OfferedAt))], rows.Count > MaxLines);
    }

    /// <summary>
    /// Everything recorded about the child a sender knows by <paramref name="reference"/>: its signals, matches, regie, hand-overs
    /// and their steps, and every message about it in the ledger with its answer. <paramref name="subjectKeys"/> are that
    /// reference's keys under every pseudonym key (<see cref="Pseudonymizer.SubjectKeyCandidates"/>).
    /// </summary>
    public async Task<CaseHistory> CaseAsync(string reference, string sender, IReadOnlyList<SubjectKey> subjectKeys, TraceRequester who, CancellationToken ct)
    {
        var masked = Mask(reference);
        await LogAsync(who, $"the history of {sender}'s case {masked}", subjectKeys.FirstOrDefault(), ct);
        var keys = subjectKeys.Select(k => k.Value).ToArray();
        var events = new List<CaseEvent>();

        foreach (var s in await db.Signals.AsNoTracking().Where(s => keys.Contains(s.SubjectKey)).ToListAsync(ct))
        {
            events.Add(new(s.RegisteredAt, "Signal registered in the index", s.Sender, null, s.WithdrawnAt is null ? "active" : "withdrawn", s.Id));
            if (s.WithdrawnAt is { } withdrawn)
            {
                events.Add(new(withdrawn, "Signal withdrawn", s.Sender, null, null, s.Id));
            }
        }

        events.AddRange((await db.Matches.AsNoTracking().Where(m => keys.Contains(m.SubjectKey) || keys.Contains(m.RelatedKey!)).ToListAsync(ct))
            .Select(m => new CaseEvent(m.MatchedAt, "Matched with another organisation's signal", null, null, null, m.Id)));
        events.AddRange((await db.Regie.AsNoTracking().Where(r => keys.Contains(r.SubjectKey)).ToListAsync(ct))
            .Select(r => new CaseEvent(r.ClaimedAt, $"Regie ({r.Scope}) taken", r.ClaimedBy, r.RegisseurOrganisation, null, r.Id)));
        events.AddRange((await db.EscalationDecisions.AsNoTracking().Where(d => keys.Contains(d.SubjectKey)).ToListAsync(ct))
            .Select(d => new CaseEvent(d.DecidedAt, $"Escalation decision ({d.Kind})", d.DecidedBy, null, null, d.Id)));
        foreach (var e in await db.Evaluations.AsNoTracking().Where(e => keys.Contains(e.SubjectKey)).ToListAsync(ct))
        {
            events.Add(new(e.SetAt, $"Evaluation date set for {e.DueOn:yyyy-MM-dd}", e.RegisseurOrganisation, null, e.EndedBy?.ToString() ?? "open", e.MdoId));
        }

        var handOvers = await db.HandOvers.AsNoTracking().Where(h => keys.Contains(h.SubjectKey!)).ToListAsync(ct);
        foreach (var h in handOvers)
        {
            events.AddRange(Steps(h));
        }

        // Every message about the child that reached someone (the access log files each under the child's key), and each
        // step of its hand-overs, with its recipient's answer from the ledger.
        var aboutChild = db.AccessLog.Where(e => keys.Contains(e.SubjectKey) && e.MessageId != null).Select(e => e.MessageId!.Value);
        var handOverIds = handOvers.Select(h => h.Id).ToArray();
        var messages = await db.HandOffs.AsNoTracking()
            .Where(h => aboutChild.Contains(h.MessageId) || handOverIds.Contains(h.CorrelationId))
            .ToListAsync(ct);
        events.AddRange(messages.Select(m => new CaseEvent(m.CreatedAt, m.Contract.StartsWith("V1.", StringComparison.Ordinal) ? m.Contract[3..] : m.Contract, m.Sender, m.Recipient, Answer(m), m.MessageId)));

        return new(masked, sender, [.. events.OrderBy(e => e.At).ThenBy(e => e.What, StringComparer.Ordinal)]);
    }

    /// <summary>A partner's reference for a child, as the trace may show it: its first and last two characters at most.</summary>
    public static string Mask(string reference)
    {
        var trimmed = reference.Trim();
        return trimmed.Length <= 6 ? new string('•', Math.Max(trimmed.Length, 3)) : $"{trimmed[..2]}…{trimmed[^2..]}";
    }

    private static IEnumerable<CaseEvent> Steps(HandOverRecord h)
    {
        yield return new(h.OfferedAt, "Warm hand-over offered", h.Sender, h.Receiver, h.State.ToString(), h.Id);
        if (h.RemindedAt is { } reminded)
        {
            yield return new(reminded, "Hand-over unanswered: receiver reminded", null, h.Receiver, null, h.Id);
        }

        if (h.EscalatedAt is { } escalated)
        {
            yield return new(escalated, "Hand-over still unanswered: escalated to the sender", null, h.Sender, null, h.Id);
        }

        if (h.AcceptedAt is { } accepted)
        {
            yield return new(accepted, "Hand-over accepted", h.Receiver, h.Sender, null, h.Id);
        }

        if (h.FirstContactAt is { } contact)
        {
            yield return new(contact, "First contact with the family", h.Receiver, h.Sender, null, h.Id);
        }

        if (h.ClosedAt is { } closed)
        {
            yield return new(closed, $"Hand-over {h.State.ToString().ToLowerInvariant()}", h.Receiver, h.Sender, h.State.ToString(), h.Id);
        }
    }

    private static DateTimeOffset LastStep(HandOverRecord h) =>
        new DateTimeOffset?[] { h.OfferedAt, h.RemindedAt, h.EscalatedAt, h.AcceptedAt, h.FirstContactAt, h.ClosedAt }.Max() ?? h.OfferedAt;

    private static string Answer(HandOff h) => h.State switch
    {
        HandOffState.Returned => $"returned {ReturnCodes.Describe(h.ReturnCode ?? ReturnCode.DeclinedByRecipient).Id}",
        HandOffState.Accepted or HandOffState.Dispatched => "waiting",
        _ => h.State.ToString().ToLowerInvariant(),
    };

    private async Task LogAsync(TraceRequester who, string what, SubjectKey? about, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        await new AccessLogStore(db).AppendAsync([AccessLogEntries.ForLookup(who.Actor, who.OnBehalfOf,
            $"Traced in the {who.Via}: {what}. Why: {who.Why}", clock.GetUtcNow(), about)], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
