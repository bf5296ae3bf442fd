using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// Why the hub tells an organisation something about a person that no sender addressed to it through the policy:
/// a message the hub made (a match, a regie conflict, a deletion request, terugkoppeling) or a partner's answer it
/// forwards. Such a message is coordination: references only, no basis of its own, so it is projected as rule
/// C-COORD allows (no sections, no BSN, the recipient's own pseudonym) and logged like every routed copy; the rule
/// id names the hub's function, so the access log says which one disclosed what.
/// </summary>
public sealed record Disclosure(string RuleId, SubjectKey? Subject, string OnBehalfOf, string Reason)
{
    /// <summary>The index told an organisation which others signalled this person (Verwijsindex-like).</summary>
    public static Disclosure Match(SubjectKey about) =>
        new("HUB-MATCH", about, HubTopology.HubOrganisation, "Index match: which other organisations signalled this person (organisation codes only).");

    /// <summary>A recipient's answer to a hand-off, forwarded to the hand-off's sender.</summary>
    public static Disclosure ForwardedAnswer(SubjectKey? about, string answeredBy) =>
        new("HUB-FORWARD", about, answeredBy, "An answer to a hand-off, forwarded to the organisation that sent it.");

    /// <summary>A signal's withdrawal, forwarded to the organisations it was matched with.</summary>
    public static Disclosure Withdrawal(SubjectKey about, string withdrawnBy) =>
        new("HUB-WITHDRAWN", about, withdrawnBy, "A signal was withdrawn; an organisation it was matched with is told.");

    /// <summary>A second regie claim: both claimants and the regisseur are told.</summary>
    public static Disclosure RegieConflict(SubjectKey about) =>
        new("HUB-REGIE", about, HubTopology.HubOrganisation, "Regie conflict: the claimants and the regisseur are told who claimed regie.");

    /// <summary>Consent was withdrawn: a recipient of data under it is asked to delete.</summary>
    public static Disclosure DeletionRequest(SubjectKey about, string withdrawnBy) =>
        new("HUB-DELETION", about, withdrawnBy, "Consent withdrawn: an organisation that received data under it is asked to delete.");

    /// <summary>Terugkoppeling: the status of the reporter's own signal.</summary>
    public static Disclosure Feedback(SubjectKey about) =>
        new("HUB-FEEDBACK", about, HubTopology.HubOrganisation, "Terugkoppeling: the status of the reporter's own signal.");

    /// <summary>The coordination decision for one recipient of <paramref name="message"/>: nothing but references.</summary>
    public PolicyDecision DecisionFor(HubMessage message, string recipient)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new()
        {
            Allowed = true,
            MessageId = message.MessageId,
            SenderCode = OnBehalfOf,
            RecipientCode = recipient,
            Purpose = Purpose.Coordination,
            RuleId = RuleId,
            SubjectKey = Subject,
            Reason = Reason,
        };
    }
}
