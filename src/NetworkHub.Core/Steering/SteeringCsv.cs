using System.Globalization;

namespace NetworkHub.Core.Steering;

/// <summary>
/// The steering export as CSV (RFC 4180: comma-separated, a header row, invariant culture, "." as decimal point). Durations
/// are hours with two decimals; rates are percentages with one decimal; a figure that cannot be computed (nothing measured)
/// is empty. docs/cli.md lists the columns.
/// </summary>
public static class SteeringCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "month", "organisation", "handoffs_sent", "handoffs_received", "acknowledged_in_time", "acknowledged_late", "returned", "waiting", "overdue",
        "returned_by_code", "ack_hours_count", "ack_hours_median", "ack_hours_p90", "handovers_received", "first_contact_hours_count",
        "first_contact_hours_median", "first_contact_hours_p90", "feedback_wanted", "feedback_given", "feedback_rate_pct", "escalations_opened",
        "escalations_opened_answered_in_time", "escalations_received", "escalations_received_answered_in_time",
    ];

    public static async Task WriteAsync(TextWriter output, IEnumerable<SteeringRow> rows)
    {
        await output.WriteLineAsync(string.Join(',', Columns));
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join(',', Fields(row).Select(Quote)));
        }
    }

    public static IEnumerable<string> Fields(SteeringRow row) =>
    [
        row.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), row.Organisation, N(row.HandOffsSent), N(row.HandOffsReceived),
        N(row.AcknowledgedInTime), N(row.AcknowledgedLate), N(row.Returned), N(row.Waiting), N(row.Overdue),
        string.Join(';', row.ReturnedByCode.Select(c => $"{c.Key}:{N(c.Value)}")),
        N(row.TimeToAcknowledgement.Count), Hours(row.TimeToAcknowledgement.Median), Hours(row.TimeToAcknowledgement.P90),
        N(row.HandOversReceived), N(row.TimeToFirstContact.Count), Hours(row.TimeToFirstContact.Median), Hours(row.TimeToFirstContact.P90),
        N(row.FeedbackWanted), N(row.FeedbackGiven), Percent(row.FeedbackRate),
        N(row.EscalationsOpened), N(row.EscalationsOpenedAnsweredInTime), N(row.EscalationsReceived), N(row.EscalationsReceivedAnsweredInTime),
    ];

    public static string Hours(TimeSpan? duration) => duration is { } d ? d.TotalHours.ToString("0.00", CultureInfo.InvariantCulture) : "";

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) : "";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
