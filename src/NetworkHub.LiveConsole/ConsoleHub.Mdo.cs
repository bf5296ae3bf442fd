using Microsoft.AspNetCore.SignalR;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Workflows;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>
/// The regisseur's MDO view: only regisseurs, and only for cases their organisation holds regie for. Invitations and
/// minutes go through the ingress pipeline as the organisation's own messages; a request for anything else is refused
/// and logged, and every case opened and every message sent is an access-log row.
/// </summary>
public sealed partial class ConsoleHub
{
    public async Task<IReadOnlyList<MdoCaseRow>> MdoCases(MdoReader mdos)
    {
        var user = await RegisseurAsync("the MDO cases");
        return await mdos.CasesAsync(user.Organisation, Context.ConnectionAborted);
    }

    public async Task<MdoCaseView> MdoCase(Guid caseId, MdoReader mdos, ConsoleIngress ingress)
    {
        var (user, regie) = await OwnCaseAsync(caseId, mdos, "open a case in the MDO view");
        var view = await mdos.DetailAsync(regie, Context.ConnectionAborted);
        await ingress.LogAsync(user, $"Opened {view.Case.Reference} in the console's MDO view (involved organisations, consents, MDOs).",
            regie.SubjectKey, regie.Id, Context.ConnectionAborted);
        return view;
    }

    public async Task<MdoSent> ConveneMdo(MdoConvening form, MdoReader mdos, ConsoleIngress ingress, Pseudonymizer pseudonymizer)
    {
        var ct = Context.ConnectionAborted;
        var (user, regie) = await OwnCaseAsync(form.CaseId, mdos, "convene an MDO");
        var child = await ChildAsync(form.Child, regie.SubjectKey, await mdos.RoleAsync(regie.SubjectKey, ct), user, pseudonymizer, "convene an MDO");
        DateOnly? born = null;
        if (form.InviteYoungPerson)
        {
            born = await mdos.BirthDateAsync(regie.SubjectKey, user.Organisation, ct);
            if (born is not { } date || !MdoReader.IsFrom12(date, form.MeetingAt))
            {
                throw new HubException("The young person is invited to their own MDO from 12: your organisation's consent record says not yet, or holds no date of birth.");
            }
        }

        var invitation = MdoMessages.Invitation(form, child, born, user.Organisation, clock.GetUtcNow());
        var receipt = await ingress.SendAsync(user, invitation, $"Convened MDO {invitation.MdoId} for regie case {regie.Id}", regie.SubjectKey, ct);
        return new MdoSent(invitation.MdoId, receipt.Outcome.ToString().ToLowerInvariant(), CodeView.Of(receipt.Code), receipt.Reason);
    }

    public async Task<MdoSent> ShareMdoMinutes(MdoMinutesForm form, MdoReader mdos, ConsoleIngress ingress, Pseudonymizer pseudonymizer)
    {
        var ct = Context.ConnectionAborted;
        var user = await RegisseurAsync("share MDO minutes");
        var mdo = await mdos.MdoAsync(form.MdoId, ct);
        if (mdo is null || mdo.Convener != user.Organisation)
        {
            throw await refusals.RefuseAsync(user, $"share the minutes of MDO {form.MdoId}",
                $"{user.Organisation}, the organisation {user.Name} works for, did not convene this MDO.", ct);
        }

        var child = await ChildAsync(form.Child, mdo.SubjectKey, await mdos.RoleAsync(mdo.SubjectKey, ct), user, pseudonymizer, "share MDO minutes");
        var minutes = MdoMessages.Minutes(form, child, user.Organisation, clock.GetUtcNow());
        var receipt = await ingress.SendAsync(user, minutes, $"Shared the minutes of MDO {mdo.Id} with {string.Join(", ", minutes.Recipients)}", mdo.SubjectKey, ct);
        return new MdoSent(mdo.Id, receipt.Outcome.ToString().ToLowerInvariant(), CodeView.Of(receipt.Code), receipt.Reason);
    }

    private async Task<ConsoleUser> RegisseurAsync(string what)
    {
        var user = User;
        return user.Role == ConsoleRoles.Regisseur
            ? user
            : throw await refusals.RefuseAsync(user, what, $"Only regisseurs convene MDOs; {user.Name} is a {user.Role}.", Context.ConnectionAborted);
    }

    /// <summary>The case, when the user's organisation holds its regie; any other case (or none) is refused alike and logged.</summary>
    private async Task<(ConsoleUser User, RegieRecord Regie)> OwnCaseAsync(Guid caseId, MdoReader mdos, string what)
    {
        var user = await RegisseurAsync(what);
        var regie = await mdos.CaseAsync(caseId, Context.ConnectionAborted);
        return regie is not null && regie.RegisseurOrganisation == user.Organisation
            ? (user, regie)
            : throw await refusals.RefuseAsync(user, $"{what} for case {caseId}",
                $"{user.Organisation}, the organisation {user.Name} works for, holds no regie for this case.", Context.ConnectionAborted);
    }

    /// <summary>The child as the user typed it, when it is the child the hub knows under <paramref name="subjectKey"/>.</summary>
    private async Task<SubjectReference> ChildAsync(string typed, string subjectKey, SubjectRole role, ConsoleUser user, Pseudonymizer pseudonymizer, string what)
    {
        var child = MdoMessages.Child(typed ?? "", role);
        return pseudonymizer.SubjectKeyCandidates(child, user.Organisation).Any(k => k.Value == subjectKey)
            ? child
            : throw await refusals.RefuseAsync(user, what, "The BSN or reference entered is not that of the case's child.", Context.ConnectionAborted);
    }
}
