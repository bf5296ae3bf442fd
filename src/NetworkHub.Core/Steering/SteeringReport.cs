using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Time;

namespace NetworkHub.Core.Steering;

/// <summary>
/// Sturingsinformatie per organisation and month, computed from the hub's ledger tables (hand-offs, hand-overs, the
/// signal index with when each reporter heard back, escalations), never from application logs. Reads one month at
/// a time, a few columns per row, and aggregates in memory, so a year of a region's traffic takes seconds; reports its
/// progress after each step.
/// </summary>
public sealed class SteeringReport(HubDbContext db, WorkingDayCalendar calendar)
{
    private const int StepsPerMonth = 4;
    private const int KeysPerQuery = 500;
    private static readonly string EscalationContract = ContractCatalogue.NameOf(typeof(Opschaling));

    /// <summary>
    /// A row per month from <paramref name="firstMonth"/> on and per organisation (every registered organisation and any
    /// other in the month's traffic), or only <paramref name="organisation"/>'s.
    /// </summary>
    public async Task<IReadOnlyList<SteeringRow>> ComputeAsync(DateOnly firstMonth, int months, string? organisation, Action<SteeringProgress>? progress,
        CancellationToken ct)
    {
        var registered = organisation is null ? await db.Organisations.AsNoTracking().Select(o => o.Code).ToListAsync(ct) : [organisation];
        var rows = new List<SteeringRow>();
        var step = 0;
        void Done() => progress?.Invoke(new(++step, months * StepsPerMonth));
        for (var m = 0; m < months; m++)
        {
            var month = new DateOnly(firstMonth.Year, firstMonth.Month, 1).AddMonths(m);
            var (from, until) = (calendar.StartOf(month), calendar.StartOf(month.AddMonths(1)));
            var handOffs = await HandOffsAsync(from, until, organisation, ct);
            Done();
            var handOvers = await HandOversAsync(from, until, organisation, ct);
            Done();
            var signals = await SignalsAsync(from, until, organisation, ct);
            Done();
            var escalations = await EscalationsAsync(handOffs, ct);
            Done();

            var codes = organisation is not null ? registered
                : registered.Concat(handOffs.SelectMany(h => new[] { h.Sender, h.Recipient })).Concat(handOvers.Select(h => h.Receiver))
                    .Concat(signals.Select(s => s.Sender)).Distinct().Order(StringComparer.Ordinal).ToList();
            var traffic = new MonthTraffic(handOffs.ToLookup(h => h.Sender), handOffs.ToLookup(h => h.Recipient), handOvers.ToLookup(h => h.Receiver),
                signals.ToLookup(s => s.Sender), escalations);
            rows.AddRange(codes.Select(code => Row(month, code, traffic)));
        }

        return rows;
    }

    private static SteeringRow Row(DateOnly month, string code, MonthTraffic traffic)
    {
        var received = traffic.ByRecipient[code].ToList();
        var acknowledged = received.Where(h => h.AcknowledgedAt is not null).ToList();
        var inTime = acknowledged.Count(h => h.AcknowledgementDueAt is null || h.AcknowledgedAt <= h.AcknowledgementDueAt);
        var returned = received.Where(h => h.ReturnedAt is not null).ToList();
        var theirHandOvers = traffic.HandOversByReceiver[code].ToList();
        var theirSignals = traffic.SignalsBySender[code].ToList();
        var opened = EscalationsOf(traffic.BySender[code], traffic.Escalations);
        var escalatedTo = EscalationsOf(received, traffic.Escalations);
        return new(
            month,
            code,
            HandOffsSent: traffic.BySender[code].Count(),
            HandOffsReceived: received.Count,
            AcknowledgedInTime: inTime,
            AcknowledgedLate: acknowledged.Count - inTime,
            Returned: returned.Count,
            Waiting: received.Count(h => h.AcknowledgedAt is null && h.ReturnedAt is null),
            Overdue: received.Count(h => h.OverdueAt is not null),
            ReturnedByCode: returned.GroupBy(h => ReturnCodes.Describe(h.ReturnCode ?? ReturnCode.DeclinedByRecipient).Id)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            TimeToAcknowledgement: Durations.Of(acknowledged.Select(h => h.AcknowledgedAt!.Value - h.CreatedAt)),
            HandOversReceived: theirHandOvers.Count,
            TimeToFirstContact: Durations.Of(theirHandOvers.Where(h => h.FirstContactAt is not null).Select(h => h.FirstContactAt!.Value - h.OfferedAt)),
            FeedbackWanted: theirSignals.Count,
            FeedbackGiven: theirSignals.Count(s => s.HeardBack),
            EscalationsOpened: opened.Count,
            EscalationsOpenedAnsweredInTime: opened.Count(e => e.AnsweredAt <= e.AnswerBefore),
            EscalationsReceived: escalatedTo.Count,
            EscalationsReceivedAnsweredInTime: escalatedTo.Count(e => e.AnsweredAt <= e.AnswerBefore));
    }

    private static List<EscalationFacts> EscalationsOf(IEnumerable<HandOffFacts> handOffs, Dictionary<Guid, EscalationFacts> escalations) =>
        [.. handOffs.Where(h => h.Contract == EscalationContract).Select(h => h.MessageId).Distinct()
            .Select(id => escalations.GetValueOrDefault(id)).OfType<EscalationFacts>()];

    private Task<List<HandOffFacts>> HandOffsAsync(DateTimeOffset from, DateTimeOffset until, string? organisation, CancellationToken ct)
    {
        var query = db.HandOffs.AsNoTracking().Where(h => h.CreatedAt >= from && h.CreatedAt < until);
        if (organisation is not null)
        {
            query = query.Where(h => h.Sender == organisation || h.Recipient == organisation);
        }

        return query.Select(h => new HandOffFacts(h.MessageId, h.Sender, h.Recipient, h.Contract, h.CreatedAt, h.AcknowledgementDueAt, h.AcknowledgedAt,
            h.ReturnedAt, h.ReturnCode, h.OverdueAt)).ToListAsync(ct);
    }

    private Task<List<HandOverFacts>> HandOversAsync(DateTimeOffset from, DateTimeOffset until, string? organisation, CancellationToken ct)
    {
        var query = db.HandOvers.AsNoTracking().Where(h => h.OfferedAt >= from && h.OfferedAt < until);
        if (organisation is not null)
        {
            query = query.Where(h => h.Receiver == organisation);
        }

        return query.Select(h => new HandOverFacts(h.Receiver, h.OfferedAt, h.FirstContactAt)).ToListAsync(ct);
    }

    /// <summary>
    /// The month's signals whose reporter asked for terugkoppeling, and whether it heard back: picked up (a hand-off of
    /// the signal acknowledged, so the hub told it), or told of a later step by the hub or a partner.
    /// </summary>
    private Task<List<SignalFacts>> SignalsAsync(DateTimeOffset from, DateTimeOffset until, string? organisation, CancellationToken ct)
    {
        var query = db.Signals.AsNoTracking().Where(s => s.RegisteredAt >= from && s.RegisteredAt < until && s.FeedbackWanted);
        if (organisation is not null)
        {
            query = query.Where(s => s.Sender == organisation);
        }

        return query.Select(s => new SignalFacts(s.Sender, s.HeardBackAt != null || db.HandOffs.Any(h => h.MessageId == s.Id && h.AcknowledgedAt != null)))
            .ToListAsync(ct);
    }

    private async Task<Dictionary<Guid, EscalationFacts>> EscalationsAsync(List<HandOffFacts> handOffs, CancellationToken ct)
    {
        var result = new Dictionary<Guid, EscalationFacts>();
        foreach (var chunk in handOffs.Where(h => h.Contract == EscalationContract).Select(h => h.MessageId).Distinct().Chunk(KeysPerQuery))
        {
            foreach (var e in await db.Escalations.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.AnswerBefore, e.AnsweredAt }).ToListAsync(ct))
            {
                result[e.Id] = new(e.AnswerBefore, e.AnsweredAt);
            }
        }

        return result;
    }

    private sealed record MonthTraffic(ILookup<string, HandOffFacts> BySender, ILookup<string, HandOffFacts> ByRecipient,
        ILookup<string, HandOverFacts> HandOversByReceiver, ILookup<string, SignalFacts> SignalsBySender, Dictionary<Guid, EscalationFacts> Escalations);

    private sealed record HandOffFacts(Guid MessageId, string Sender, string Recipient, string Contract, DateTimeOffset CreatedAt,
        DateTimeOffset? AcknowledgementDueAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ReturnedAt, ReturnCode? ReturnCode, DateTimeOffset? OverdueAt);

    private sealed record HandOverFacts(string Receiver, DateTimeOffset OfferedAt, DateTimeOffset? FirstContactAt);

    private sealed record SignalFacts(string Sender, bool HeardBack);

    private sealed record EscalationFacts(DateTimeOffset AnswerBefore, DateTimeOffset? AnsweredAt);
}
