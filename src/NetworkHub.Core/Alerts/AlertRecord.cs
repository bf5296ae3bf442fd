using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Alerts;

public enum AlertState
{
    Open = 1,
    Acknowledged = 2,
    Resolved = 3,
}

/// <summary>
/// Something an operator must see or act on, kept until resolved: every operator-bound event the hub raises, and
/// failures of its own (a message no queue would take, a send that keeps failing). No personal data: kinds,
/// organisation codes, ids and a summary made of those.
/// </summary>
public sealed class AlertRecord
{
    public long Id { get; set; }

    /// <summary>The event's message id (or a stable id for the hub's own alerts): raising it twice keeps one row.</summary>
    public required Guid EventId { get; set; }

    /// <summary>The event contract (e.g. AcknowledgementOverdue) or a hub failure kind (e.g. Unroutable).</summary>
    public required string Kind { get; set; }

    /// <summary>Links the alert to the ledger: the hand-off chain, hand-over, escalation or match it is about.</summary>
    public Guid? CorrelationId { get; set; }

    /// <summary>Organisations the alert concerns, comma-separated; an operator of one of them may see it.</summary>
    public required string Organisations { get; set; }

    public required string Summary { get; set; }
    public required DateTimeOffset RaisedAt { get; set; }
    public required AlertState State { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Note { get; set; }

    /// <summary>The alert an operator-bound event raises.</summary>
    public static AlertRecord For(HubMessage message, DateTimeOffset now)
    {
        var (concerns, summary) = Describe(message);
        return Raise(message.MessageId, ContractCatalogue.NameOf(message.GetType()), message.CorrelationId, concerns.Concat(message.Recipients), summary, now);
    }

    public static AlertRecord Raise(Guid eventId, string kind, Guid? correlationId, IEnumerable<string> organisations, string summary, DateTimeOffset now) => new()
    {
        EventId = eventId,
        Kind = kind,
        CorrelationId = correlationId,
        Organisations = string.Join(",", organisations.Where(o => o != HubTopology.HubOrganisation).Distinct().Order(StringComparer.Ordinal)),
        Summary = summary,
        RaisedAt = now,
        State = AlertState.Open,
    };

    private static (IEnumerable<string> Concerns, string Summary) Describe(HubMessage message) => message switch
    {
        AcknowledgementOverdue overdue => ([overdue.Recipient],
            $"{overdue.Recipient} did not acknowledge message {overdue.OverdueMessageId} by {overdue.DueAt:yyyy-MM-dd HH:mm}Z."),
        WarmeOverdrachtEscalated escalated => ([escalated.Receiver],
            $"{escalated.Receiver} has not answered a warm hand-over ({escalated.Stage}) since {escalated.OverdueSince:yyyy-MM-dd HH:mm}Z."),
        WarmeOverdrachtReturned returned => ([], $"A warm hand-over came back to its sender: {returned.Reason}."),
        RegieMissing missing => (missing.InvolvedOrganisations,
            $"No regie among {missing.InvolvedOrganisations.Count} organisations since a match on {missing.MatchedAt:yyyy-MM-dd}."),
        RegieConflict conflict => ([conflict.ExistingClaim.RegisseurOrganisation, conflict.NewClaim.RegisseurOrganisation],
            $"Regie claimed by {conflict.NewClaim.RegisseurOrganisation} while {conflict.ExistingClaim.RegisseurOrganisation} holds it."),
        CaseStale stale => (stale.InvolvedOrganisations, stale.Kind switch
        {
            StaleCaseKind.EvaluationOverdue => $"The evaluation of MDO {stale.CaseReference} was due by {stale.QuietSince:yyyy-MM-dd HH:mm}Z and has not happened; the regisseur was reminded.",
            StaleCaseKind.HandOverNotCompleted => $"Warm hand-over {stale.CaseReference} is not completed; its last step was on {stale.QuietSince:yyyy-MM-dd}.",
            _ => $"Safety concerns ({stale.CaseReference}) are open without an escalation decision and no step about the child since {stale.QuietSince:yyyy-MM-dd}.",
        }),
        MatchNotification match => (match.InvolvedOrganisations, $"{match.InvolvedOrganisations.Count} organisations signalled about the same family."),
        _ => ([], $"{ContractCatalogue.NameOf(message.GetType())} raised by the hub."),
    };
}
