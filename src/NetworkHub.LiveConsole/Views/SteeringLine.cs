using NetworkHub.Core.Steering;

namespace NetworkHub.LiveConsole.Views;

/// <summary>One partner's month as the sturingsinformatie view shows it: counts, and durations in hours.</summary>
public sealed record SteeringLine(
    string Organisation, int HandOffsSent, int HandOffsReceived, int AcknowledgedInTime, int AcknowledgedLate, int Returned, int Waiting, int Overdue,
    IReadOnlyDictionary<string, int> ReturnedByCode, int AckCount, double? AckMedianHours, double? AckP90Hours, int HandOversReceived,
    int FirstContactCount, double? FirstContactMedianHours, double? FirstContactP90Hours, int FeedbackWanted, int FeedbackGiven,
    int EscalationsOpened, int EscalationsOpenedAnsweredInTime, int EscalationsReceived, int EscalationsReceivedAnsweredInTime)
{
    public static SteeringLine Of(SteeringRow r) => new(r.Organisation, r.HandOffsSent, r.HandOffsReceived, r.AcknowledgedInTime, r.AcknowledgedLate,
        r.Returned, r.Waiting, r.Overdue, r.ReturnedByCode, r.TimeToAcknowledgement.Count, r.TimeToAcknowledgement.Median?.TotalHours,
        r.TimeToAcknowledgement.P90?.TotalHours, r.HandOversReceived, r.TimeToFirstContact.Count, r.TimeToFirstContact.Median?.TotalHours,
        r.TimeToFirstContact.P90?.TotalHours, r.FeedbackWanted, r.FeedbackGiven, r.EscalationsOpened, r.EscalationsOpenedAnsweredInTime,
        r.EscalationsReceived, r.EscalationsReceivedAnsweredInTime);
}
