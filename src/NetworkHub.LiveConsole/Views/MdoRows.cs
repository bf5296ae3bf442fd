using NetworkHub.Contracts.V1;
using NetworkHub.Core.Live;
using NetworkHub.Core.Workflows;

namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// A case the regisseur's organisation holds regie for: the hub's reference for it (the regie claim), what the regie
/// covers and since when, and the organisation's own reference for the child masked (personal data).
/// </summary>
public sealed record MdoCaseRow(Guid CaseId, string Reference, string Scope, DateTimeOffset Since, string? OwnReference, int Mdos);

/// <summary>An organisation the regisseur may invite, with every reason the hub knows it is involved.</summary>
public sealed record InviteeOffer(string Organisation, IReadOnlyList<string> Reasons)
{
    public static IReadOnlyList<InviteeOffer> From(IEnumerable<Involvement> involvement, string convener) =>
        involvement.Where(i => i.Organisation != convener)
            .GroupBy(i => i.Organisation, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new InviteeOffer(g.Key, g.OrderBy(i => i.Since).Select(Describe).Distinct().ToArray()))
            .ToArray();

    /// <summary>Why, in the words of the domain: what the organisation did, about the child or which family member.</summary>
    public static string Describe(Involvement i)
    {
        var whom = (i.AboutFamilyMember, i.Role) switch
        {
            (false, SubjectRole.Parent) => "this parent",
            (false, SubjectRole.Family) => "the family",
            (false, _) => "the child",
            (true, SubjectRole.Parent) => "a parent",
            (true, SubjectRole.Child) => "another child of the family",
            (true, _) => "a family member",
        };
        return i.Kind switch
        {
            InvolvementKind.Signalled => $"signalled {whom}",
            InvolvementKind.HandOver => $"warm hand-over about {whom}",
            _ => $"regie over {whom}",
        };
    }
}

/// <summary>A consent on record that covers discussing the child in an MDO: its id, whom it covers, who gave it.</summary>
public sealed record ConsentOffer(string ConsentId, IReadOnlyList<string> Covers, string GrantedBy);

/// <summary>Where one invitee stands: its answer (or waiting), when it answered, and when the hub reminded it.</summary>
public sealed record InviteeState(string Organisation, string Answer, DateTimeOffset? AnsweredAt, DateTimeOffset? RemindedAt);

/// <summary>An MDO about the case: its invitees' answers as they arrive, the hub's reminders, minutes and cancellation.</summary>
public sealed record MdoView(Guid MdoId, DateTimeOffset ConvenedAt, DateTimeOffset RsvpDeadline, IReadOnlyList<InviteeState> Invitees,
    DateTimeOffset? MinutesSharedAt, DateTimeOffset? CancelledAt);

/// <summary>
/// One case as the regisseur convenes for it: the organisations offered as invitees and why, whether the young person
/// may be invited (12 or older by the organisation's own consent record; the date itself is not shown), the consents
/// that cover an MDO, and the MDOs so far.
/// </summary>
public sealed record MdoCaseView(MdoCaseRow Case, IReadOnlyList<InviteeOffer> Invitees, bool YoungPersonFrom12, IReadOnlyList<ConsentOffer> Consents,
    IReadOnlyList<MdoView> Mdos);

/// <summary>What the regisseur's view receives live: a step in one of its organisation's MDOs.</summary>
public sealed record MdoStepView(Guid MdoId, string Step, string Organisation, string? Answer, DateTimeOffset At)
{
    public static MdoStepView Of(MdoStepTaken step) => new(step.MdoId, Name(step.Step), step.Organisation, AnswerName(step.Response), step.At);

    public static string? AnswerName(MdoResponse? response) => response?.ToString().ToLowerInvariant();

    private static string Name(MdoStep step) => step switch
    {
        MdoStep.MinutesShared => "minutes",
        _ => step.ToString().ToLowerInvariant(), // convened, answered, reminded, cancelled
    };
}

/// <summary>What became of a message the regisseur sent: routed or returned, with the code and reason the hub gave.</summary>
public sealed record MdoSent(Guid MdoId, string Outcome, CodeView? Code, string? Reason);
