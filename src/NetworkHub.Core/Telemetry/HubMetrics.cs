using System.Diagnostics.Metrics;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Telemetry;

/// <summary>
/// The hub's counters and histogram, recorded from what write transactions committed (see <c>ActivityCollector</c>), so
/// nothing rolled back or retried is counted twice. Labels are bounded: a contract name the hub knows, an outcome, a
/// return code; never an organisation's data, a person or a message id.
/// </summary>
public static class HubMetrics
{
    public static readonly Counter<long> HandOffs = HubTelemetry.Meter.CreateCounter<long>("networkhub.handoffs", "{hand-off}",
        "Hand-offs by contract and outcome: routed (one per recipient), acknowledged, returned by the recipient, overdue, " +
        "or quarantined (input the hub kept and returned to its sender); code: the return code.");

    public static readonly Histogram<double> AcknowledgementLatency = HubTelemetry.Meter.CreateHistogram<double>(
        "networkhub.handoff.acknowledgement.duration", "s", "From routing a hand-off to its recipient's acknowledgement, by contract.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10, 60, 300, 900, 3600, 4 * 3600, 8 * 3600, 86400, 2 * 86400, 3 * 86400, 5 * 86400, 10 * 86400] });

    public static readonly Counter<long> PolicyRefusals = HubTelemetry.Meter.CreateCounter<long>("networkhub.policy.refusals", "{refusal}",
        "Recipients the privacy policy refused a message to, by return code.");

    public static bool Enabled => HandOffs.Enabled || AcknowledgementLatency.Enabled || PolicyRefusals.Enabled;

    /// <summary>Counts what one transaction saved (hand-offs added or changed, quarantined input, access-log refusals), once committed.</summary>
    internal static void Committed(IEnumerable<object> saved)
    {
        foreach (var entity in saved)
        {
            switch (entity)
            {
                case HandOff { State: HandOffState.Accepted } routed:
                    Count(routed.Contract, "routed", null);
                    break;
                case HandOff { State: HandOffState.Acknowledged, AcknowledgedAt: { } at } acknowledged:
                    Count(acknowledged.Contract, "acknowledged", null);
                    AcknowledgementLatency.Record((at - acknowledged.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("contract", acknowledged.Contract));
                    break;
                case HandOff { State: HandOffState.Returned } returned:
                    Count(returned.Contract, "returned", returned.ReturnCode);
                    break;
                case HandOff { State: HandOffState.Overdue } overdue:
                    Count(overdue.Contract, "overdue", null);
                    break;
                case QuarantineEntry kept:
                    Count(KnownContract(kept.Contract), "quarantined", kept.Code);
                    break;
                case AccessLogEntry { Event: AccessEventKind.Refusal } refusal:
                    PolicyRefusals.Add(1, new KeyValuePair<string, object?>("code", refusal.Code?.ToString() ?? "none"));
                    break;
            }
        }
    }

    private static void Count(string contract, string outcome, ReturnCode? code) =>
        HandOffs.Add(1, new("contract", contract), new("outcome", outcome), new("code", code?.ToString() ?? "none"));

    /// <summary>A quarantined message's contract is whatever its sender wrote: only a name the hub knows becomes a label.</summary>
    private static string KnownContract(string? contract) => contract is not null && ContractCatalogue.Find(contract) is not null ? contract : "unknown";
}
