namespace NetworkHub.Core.Steering;

/// <summary>
/// A set of durations summarised by nearest-rank percentiles: the p-th percentile of n values sorted ascending is the
/// value at rank ⌈p·n⌉ (1-based), always one of the values measured; the median is the 50th (for an even n the lower of
/// the two middle values). Null when nothing was measured.
/// </summary>
public sealed record Durations(int Count, TimeSpan? Median, TimeSpan? P90)
{
    public static Durations Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? new(0, null, null) : new(sorted.Length, NearestRank(sorted, 0.5), NearestRank(sorted, 0.9));
    }

    public static TimeSpan NearestRank(IReadOnlyList<TimeSpan> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}

/// <summary>
/// Sturingsinformatie for one organisation in one month (Dutch local time), aggregates only. Each figure counts what
/// started in the month — a hand-off by when it was routed, a hand-over by its offer, a signal by its registration, an
/// escalation by when it was sent — and its outcome as the ledger holds it when the report is made. "In time" is the
/// deadline the hub stored when it routed the message (working days, as <c>docs/deadlines.md</c> counts them).
/// </summary>
public sealed record SteeringRow(
    DateOnly Month,
    string Organisation,
    int HandOffsSent,
    int HandOffsReceived,
    int AcknowledgedInTime,
    int AcknowledgedLate,
    int Returned,
    int Waiting,
    int Overdue,
    IReadOnlyDictionary<string, int> ReturnedByCode,
    Durations TimeToAcknowledgement,
    int HandOversReceived,
    Durations TimeToFirstContact,
    int FeedbackWanted,
    int FeedbackGiven,
    int EscalationsOpened,
    int EscalationsOpenedAnsweredInTime,
    int EscalationsReceived,
    int EscalationsReceivedAnsweredInTime)
{
    /// <summary>The share of reporters' signals that heard back; null when no signal asked for feedback.</summary>
    public double? FeedbackRate => FeedbackWanted == 0 ? null : (double)FeedbackGiven / FeedbackWanted;

    /// <summary>The share of received hand-offs acknowledged by their deadline; null when nothing was received.</summary>
    public double? AcknowledgedInTimeRate => HandOffsReceived == 0 ? null : (double)AcknowledgedInTime / HandOffsReceived;
}

/// <summary>How far a report got: work steps done of the steps it takes (four per month).</summary>
public sealed record SteeringProgress(int Done, int Total);
