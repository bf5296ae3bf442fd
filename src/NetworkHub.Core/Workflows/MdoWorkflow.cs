using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
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
/// The MDO as the inspectors asked for it: the regisseur convenes only organisations involved with the family
/// (a signal, a regie claim); invitees answer; those who have not answered are reminded a day before the RSVP
/// deadline; the minutes go to those who attended (accepted or delegated) and no one else.
/// </summary>
public sealed class MdoWorkflow(HubDbContext db, Pseudonymizer pseudonymizer) : IRoutingStep, IDeadlineStep
{
    /// <summary>Refuses an MDO step that may not go as addressed, with its code.</summary>
    public async Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct) =>
        await ProblemAsync(work.Message, ct) is var (code, reason) ? new StepVerdict.Refused(code, reason) : null;

    private async Task<(ReturnCode Code, string Reason)?> ProblemAsync(HubMessage message, CancellationToken ct)
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

                var involved = await InvolvedAsync(keys, ct); // under every key: who signalled before a key rotation is still involved
                var outsiders = invitation.Invitees.Where(i => !involved.Contains(i)).ToArray();
                return outsiders.Length == 0 ? null
                    : (ReturnCode.NotInvolved, $"Only organisations involved with the family may be invited; not involved: {string.Join(", ", outsiders)}.");

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

                break;

            case MdoMinutesShared minutes:
                (await db.Mdos.SingleAsync(m => m.Id == minutes.MdoId, ct)).MinutesSharedAt = work.Now;
                break;

            case MdoCancelled cancelled:
                (await db.Mdos.SingleAsync(m => m.Id == cancelled.MdoId, ct)).CancelledAt = work.Now;
                await db.Deadlines.Where(d => d.Reference == cancelled.MdoId && d.FiredAt == null && d.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAt, work.Now), ct);
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
        }
    }

    /// <summary>Organisations involved with the child: those who signalled it and those who claimed or hold regie.</summary>
    private async Task<HashSet<string>> InvolvedAsync(IReadOnlyList<string> subjectKeys, CancellationToken ct)
    {
        var signalled = await db.Signals.AsNoTracking().Where(s => subjectKeys.Contains(s.SubjectKey) && s.WithdrawnAt == null).Select(s => s.Sender).ToListAsync(ct);
        var regie = await db.Regie.AsNoTracking().Where(r => subjectKeys.Contains(r.SubjectKey))
            .Select(r => new[] { r.RegisseurOrganisation, r.ClaimedBy }).ToListAsync(ct);
        return [.. signalled, .. regie.SelectMany(r => r)];
    }
}
