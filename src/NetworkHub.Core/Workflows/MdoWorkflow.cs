using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Live;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Workflows;

/// <summary>A multidisciplinary meeting (MDO) the hub keeps track of.</summary>
public sealed class MdoRecord
{
    public required Guid Id { get; set; }
    public required string SubjectKey { get; set; }
    public required string Convener { get; set; }

    /// <summary>Invited organisation codes, comma-separated.</summary>
    public required string Invitees { get; set; }
    public required DateTimeOffset RsvpDeadline { get; set; }
    public required DateTimeOffset ConvenedAt { get; set; }
    public DateTimeOffset? MinutesSharedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    public IReadOnlyList<string> InviteeList => Invitees.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public sealed class MdoAnswerRecord
{
    public required Guid MdoId { get; set; }
    public required string Organisation { get; set; }
    public required MdoResponse Response { get; set; }
    public required DateTimeOffset AnsweredAt { get; set; }
}

/// <summary>
/// The MDO as the inspectors asked for it: the regisseur convenes only organisations involved with the child or its
/// family (<see cref="FamilyInvolvement"/>: signals, hand-overs and regie about the child or a linked family member);
/// invitees answer; those who have not answered are reminded a day before the RSVP deadline; the minutes go to those
/// who attended (accepted or delegated) and no one else.
/// </summary>
public sealed class MdoWorkflow(HubDbContext db, Pseudonymizer pseudonymizer, FamilyInvolvement involvement) : IRoutingStep, IDeadlineStep
{
    /// <summary>Refuses an MDO step that may not go as addressed, with its code.</summary>
    public async Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct) =>
        await ProblemAsync(work.Message, work.Now, ct) is var (code, reason) ? new StepVerdict.Refused(code, reason) : null;

    private async Task<(ReturnCode Code, string Reason)?> ProblemAsync(HubMessage message, DateTimeOffset now, CancellationToken ct)
    {
        switch (message)
        {
            case MdoUitnodiging invitation:
                var keys = pseudonymizer.SubjectKeyCandidates(invitation.Subject, invitation.SenderOrganisation).Select(k => k.Value).ToList();
                if (keys.Count == 0)
                {
                    return (ReturnCode.DomainRuleViolated, "An MDO invitation needs its subject with a BSN or the sender's own reference.");
                }

                if (!invitation.Recipients.Order(StringComparer.Ordinal).SequenceEqual(invitation.Invitees.Distinct().Order(StringComparer.Ordinal)))
                {
                    return (ReturnCode.DomainRuleViolated, "An MDO invitation is addressed to exactly its invitees.");
                }

                if (await db.Mdos.AnyAsync(m => m.Id == invitation.MdoId, ct))
                {
                    return (ReturnCode.DomainRuleViolated, $"MDO {invitation.MdoId} was already convened.");
                }

                var involved = await involvement.OrganisationsAsync(keys, now, ct); // under every key: who signalled before a key rotation is still involved
                var outsiders = invitation.Invitees.Where(i => !involved.Contains(i)).ToArray();
                return outsiders.Length == 0 ? null
                    : (ReturnCode.NotInvolved, $"Only organisations involved with the child or its family may be invited; not involved: {string.Join(", ", outsiders)}.");

            case MdoAnswer answer:
                var invited = await LockedAsync(answer.MdoId, ct);
                return invited is null ? (ReturnCode.DomainRuleViolated, $"No MDO {answer.MdoId} exists.")
                    : !invited.InviteeList.Contains(answer.SenderOrganisation) ? (ReturnCode.NotInvolved, $"{answer.SenderOrganisation} was not invited to MDO {answer.MdoId}.")
                    : null;

            case MdoMinutesShared minutes:
                var held = await LockedAsync(minutes.MdoId, ct);
                if (held is null || held.Convener != minutes.SenderOrganisation)
                {
                    return (ReturnCode.DomainRuleViolated, $"Only the convener of MDO {minutes.MdoId} shares its minutes.");
                }

                var attended = await db.MdoAnswers.AsNoTracking()
                    .Where(a => a.MdoId == minutes.MdoId && a.Response != MdoResponse.Decline)
                    .Select(a => a.Organisation).ToListAsync(ct);
                var absent = minutes.Recipients.Where(r => !attended.Contains(r)).ToArray();
                return absent.Length == 0 ? null
                    : (ReturnCode.NotInvolved, $"Minutes go to the attendees only; did not attend: {string.Join(", ", absent)}.");

            case MdoCancelled cancelled:
                var planned = await LockedAsync(cancelled.MdoId, ct);
                return planned is null || planned.Convener != cancelled.SenderOrganisation
                    ? (ReturnCode.DomainRuleViolated, $"Only the convener of MDO {cancelled.MdoId} cancels it.")
                    : null;

            default:
                return null;
        }
    }

    /// <summary>
    /// The MDO, locked until the step is recorded: steps of one MDO and its reminder take turns, so answers, minutes
    /// and a cancellation each find what the others recorded.
    /// </summary>
    private async Task<MdoRecord?> LockedAsync(Guid mdoId, CancellationToken ct)
    {
        await db.LockRowAsync<MdoRecord>(mdoId, ct);
        return await db.Mdos.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mdoId, ct);
    }

    /// <summary>Records a step that was routed.</summary>
    public async Task RecordAsync(RoutingWork work, CancellationToken ct)
    {
        switch (work.Message)
        {
            case MdoUitnodiging invitation:
                db.Mdos.Add(new MdoRecord
                {
                    Id = invitation.MdoId,
                    SubjectKey = pseudonymizer.SubjectKeyFor(invitation.Subject, invitation.SenderOrganisation)!.Value,
                    Convener = invitation.SenderOrganisation,
                    Invitees = string.Join(',', invitation.Invitees.Distinct()),
                    RsvpDeadline = invitation.RsvpDeadline.ToUniversalTime(),
                    ConvenedAt = work.Now,
                });
                var remindAt = invitation.RsvpDeadline.ToUniversalTime().AddDays(-1);
                if (remindAt > work.Now)
                {
                    db.Deadlines.Add(Deadline.For(invitation.MdoId, DeadlineKind.MdoRsvpReminder, remindAt, work.Now));
                }

                Raise(invitation.MdoId, invitation.SenderOrganisation, MdoStep.Convened, invitation.SenderOrganisation, null, work.Now);
                break;

            case MdoAnswer answer:
                var earlier = await db.MdoAnswers.FirstOrDefaultAsync(a => a.MdoId == answer.MdoId && a.Organisation == answer.SenderOrganisation, ct);
                if (earlier is null)
                {
                    db.MdoAnswers.Add(new MdoAnswerRecord { MdoId = answer.MdoId, Organisation = answer.SenderOrganisation, Response = answer.Response, AnsweredAt = work.Now });
                }
                else
                {
                    earlier.Response = answer.Response; // a later answer replaces the earlier one
                    earlier.AnsweredAt = work.Now;
                }

                var convener = await db.Mdos.AsNoTracking().Where(m => m.Id == answer.MdoId).Select(m => m.Convener).SingleAsync(ct);
                Raise(answer.MdoId, convener, MdoStep.Answered, answer.SenderOrganisation, answer.Response, work.Now);
                break;

            case MdoMinutesShared minutes:
                (await db.Mdos.SingleAsync(m => m.Id == minutes.MdoId, ct)).MinutesSharedAt = work.Now;
                Raise(minutes.MdoId, minutes.SenderOrganisation, MdoStep.MinutesShared, minutes.SenderOrganisation, null, work.Now);
                break;

            case MdoCancelled cancelled:
                (await db.Mdos.SingleAsync(m => m.Id == cancelled.MdoId, ct)).CancelledAt = work.Now;
                await db.Deadlines.Where(d => d.Reference == cancelled.MdoId && d.FiredAt == null && d.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAt, work.Now), ct);
                Raise(cancelled.MdoId, cancelled.SenderOrganisation, MdoStep.Cancelled, cancelled.SenderOrganisation, null, work.Now);
                break;
        }
    }

    public bool Fires(DeadlineKind kind) => kind == DeadlineKind.MdoRsvpReminder;

    public Task LockAsync(Deadline deadline, CancellationToken ct) => db.LockRowAsync<MdoRecord>(deadline.Reference, ct);

    /// <summary>The day before the RSVP deadline: remind every invitee that has not answered.</summary>
    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        if (await db.Mdos.AsNoTracking().FirstOrDefaultAsync(m => m.Id == deadline.Reference, ct) is not { CancelledAt: null } mdo)
        {
            return;
        }

        var answered = await db.MdoAnswers.AsNoTracking().Where(a => a.MdoId == mdo.Id).Select(a => a.Organisation).ToListAsync(ct);
        foreach (var invitee in mdo.InviteeList.Except(answered))
        {
            outbox.Add(HubMessages.MdoReminder(deadline, mdo, invitee, now), invitee, deadline.Id);
            Raise(mdo.Id, mdo.Convener, MdoStep.Reminded, invitee, null, now);
        }
    }

    /// <summary>Shown live to the convener's regisseur once the step's transaction has committed.</summary>
    private void Raise(Guid mdoId, string convener, MdoStep step, string organisation, MdoResponse? response, DateTimeOffset at) =>
        ActivityCollector.Raise(db, new MdoStepTaken(mdoId, convener, step, organisation, response, at));
}
