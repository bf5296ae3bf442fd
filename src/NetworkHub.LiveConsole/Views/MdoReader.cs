using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Workflows;

namespace NetworkHub.LiveConsole.Views;

/// <summary>What the regisseur's MDO view shows, from the hub's records: the cases, who is involved, consents, MDOs.</summary>
public sealed class MdoReader(HubDbContext db, FamilyInvolvement involvement, TimeProvider clock)
{
    /// <summary>The cases <paramref name="organisation"/> holds regie for, newest first.</summary>
    public async Task<IReadOnlyList<MdoCaseRow>> CasesAsync(string organisation, CancellationToken ct)
    {
        var regie = await db.Regie.AsNoTracking().Where(r => r.RegisseurOrganisation == organisation).OrderByDescending(r => r.ClaimedAt).ToListAsync(ct);
        var keys = regie.Select(r => r.SubjectKey).Distinct().ToList();
        var references = await db.Signals.AsNoTracking()
            .Where(s => keys.Contains(s.SubjectKey) && s.Sender == organisation && s.SenderReference != null)
            .Select(s => new { s.SubjectKey, s.SenderReference }).ToListAsync(ct);
        var mdos = await db.Mdos.AsNoTracking().Where(m => keys.Contains(m.SubjectKey) && m.Convener == organisation)
            .GroupBy(m => m.SubjectKey).Select(g => new { Key = g.Key, Count = g.Count() }).ToListAsync(ct);
        return regie.Select(r => Row(r, references.FirstOrDefault(x => x.SubjectKey == r.SubjectKey)?.SenderReference,
            mdos.FirstOrDefault(m => m.Key == r.SubjectKey)?.Count ?? 0)).ToArray();
    }

    /// <summary>The regie claim behind a case, whoever holds it (the caller checks that it is the user's organisation).</summary>
    public Task<RegieRecord?> CaseAsync(Guid caseId, CancellationToken ct) => db.Regie.AsNoTracking().FirstOrDefaultAsync(r => r.Id == caseId, ct);

    public Task<MdoRecord?> MdoAsync(Guid mdoId, CancellationToken ct) => db.Mdos.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mdoId, ct);

    public async Task<MdoCaseView> DetailAsync(RegieRecord regie, CancellationToken ct)
    {
        var organisation = regie.RegisseurOrganisation;
        var now = clock.GetUtcNow();
        var rows = await CasesAsync(organisation, ct);
        var consents = await OwnMdoConsentsAsync(regie.SubjectKey, organisation, ct);
        var offered = consents.Where(c => c.ToRecord().StateAt(now) == ConsentState.Given).GroupBy(c => c.ConsentId).Select(g => new ConsentOffer(g.Key,
            g.Select(c => c.ScopeOrganisation ?? c.ScopeType?.ToString() ?? "").Order(StringComparer.Ordinal).ToArray(), g.First().GrantedBy)).ToArray();
        return new MdoCaseView(rows.Single(r => r.CaseId == regie.Id),
            InviteeOffer.From(await involvement.OfAsync([regie.SubjectKey], now, ct), organisation),
            await YoungPersonFrom12Async(regie.SubjectKey, organisation, now, ct),
            offered,
            await MdosAsync(regie.SubjectKey, organisation, ct));
    }

    /// <summary>
    /// The child's date of birth as <paramref name="organisation"/> itself registered it with a consent (the young
    /// person's own MDO invitation needs it), or null when it registered none.
    /// </summary>
    public async Task<DateOnly?> BirthDateAsync(string subjectKey, string organisation, CancellationToken ct) =>
        (await OwnMdoConsentsAsync(subjectKey, organisation, ct)).Select(c => (DateOnly?)c.SubjectBirthDate).FirstOrDefault();

    /// <summary>The person's role as the signals about them give it; a regie case is about a child unless they say otherwise.</summary>
    public async Task<SubjectRole> RoleAsync(string subjectKey, CancellationToken ct) =>
        await db.Signals.AsNoTracking().Where(s => s.SubjectKey == subjectKey).Select(s => (SubjectRole?)s.Role).FirstOrDefaultAsync(ct) ?? SubjectRole.Child;

    /// <summary>The young person is invited to their own MDO from 12.</summary>
    public static bool IsFrom12(DateOnly birthDate, DateTimeOffset at) => birthDate.AddYears(12) <= DateOnly.FromDateTime(at.UtcDateTime);

    private async Task<bool> YoungPersonFrom12Async(string subjectKey, string organisation, DateTimeOffset now, CancellationToken ct) =>
        await BirthDateAsync(subjectKey, organisation, ct) is { } born && IsFrom12(born, now);

    private async Task<List<ConsentRow>> OwnMdoConsentsAsync(string subjectKey, string organisation, CancellationToken ct) =>
        await db.Consents.AsNoTracking()
            .Where(c => c.SubjectKey == subjectKey && c.RecordedBy == organisation && c.Purpose == Purpose.DiscussInMdo)
            .OrderBy(c => c.ConsentId).ToListAsync(ct);

    private async Task<IReadOnlyList<MdoView>> MdosAsync(string subjectKey, string organisation, CancellationToken ct)
    {
        var mdos = await db.Mdos.AsNoTracking().Where(m => m.SubjectKey == subjectKey && m.Convener == organisation)
            .OrderByDescending(m => m.ConvenedAt).ToListAsync(ct);
        var ids = mdos.Select(m => m.Id).ToList();
        var answers = await db.MdoAnswers.AsNoTracking().Where(a => ids.Contains(a.MdoId)).ToListAsync(ct);

        // A reminder is an outbox row caused by the MDO's fired reminder deadline.
        var deadlines = await db.Deadlines.AsNoTracking()
            .Where(d => ids.Contains(d.Reference) && d.Kind == DeadlineKind.MdoRsvpReminder && d.FiredAt != null)
            .Select(d => new { d.Id, d.Reference }).ToListAsync(ct);
        var causes = deadlines.Select(d => d.Id).ToList();
        var reminders = await db.Outbox.AsNoTracking().Where(o => causes.Contains(o.CausationId))
            .Select(o => new { o.CausationId, o.Destination, o.CreatedAt }).ToListAsync(ct);

        return mdos.Select(m => new MdoView(m.Id, m.ConvenedAt, m.RsvpDeadline,
            m.InviteeList.Select(invitee =>
            {
                var answer = answers.FirstOrDefault(a => a.MdoId == m.Id && a.Organisation == invitee);
                var reminded = reminders.Where(r => r.Destination == invitee && deadlines.Any(d => d.Id == r.CausationId && d.Reference == m.Id))
                    .Max(r => (DateTimeOffset?)r.CreatedAt);
                return new InviteeState(invitee, MdoStepView.AnswerName(answer?.Response) ?? "waiting", answer?.AnsweredAt, reminded);
            }).ToArray(),
            m.MinutesSharedAt, m.CancelledAt)).ToArray();
    }

    private static MdoCaseRow Row(RegieRecord regie, string? ownReference, int mdos) => new(regie.Id, "regie " + regie.Id.ToString("N")[..8],
        regie.Scope == RegieScope.Family ? "family" : "child", regie.ClaimedAt, Mask(ownReference), mdos);

    /// <summary>A partner's own reference for a child is personal data: only its last two characters are shown.</summary>
    private static string? Mask(string? reference) =>
        reference is not { Length: > 0 } ? null : new string('•', Math.Max(4, reference.Length - 2)) + reference[Math.Max(0, reference.Length - 2)..];
}
