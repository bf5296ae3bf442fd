using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Workflows;

/// <summary>How the hub knows an organisation is involved.</summary>
public enum InvolvementKind
{
    /// <summary>It registered a signal (still active) about the person.</summary>
    Signalled = 1,

    /// <summary>It offered or took on a warm hand-over about the person.</summary>
    HandOver = 2,

    /// <summary>It holds or claimed regie over the person or the family.</summary>
    Regie = 3,
}

/// <summary>
/// One reason an organisation is involved: what it did, about whom (the person asked about, or a family member the hub
/// linked to them), that person's role when the hub knows it, and since when. Codes and roles only, no personal data.
/// </summary>
public sealed record Involvement(string Organisation, InvolvementKind Kind, bool AboutFamilyMember, SubjectRole? Role, DateTimeOffset Since);

/// <summary>
/// The organisations involved with a child or its family, as the hub knows them: active signals, warm hand-overs and
/// regie, about the person or anyone the family links filed by signallers connect them to (parents, and through them
/// brothers and sisters). A debt counsellor that signalled the mother is involved with her child. The MDO workflow asks
/// this before an invitation goes out, and the regisseur's console offers its answer as invitees: one query for both.
/// </summary>
public sealed class FamilyInvolvement(HubDbContext db)
{
    /// <summary>Every reason known, under any of the person's keys (a key rotation hides nothing).</summary>
    public async Task<IReadOnlyList<Involvement>> OfAsync(IReadOnlyCollection<string> subjectKeys, DateTimeOffset now, CancellationToken ct)
    {
        if (subjectKeys.Count == 0)
        {
            return [];
        }

        var family = await FamilyOfAsync(subjectKeys, ct);
        var everyone = family.Concat(subjectKeys).Distinct().ToList();
        var signals = await db.Signals.AsNoTracking()
            .Where(s => everyone.Contains(s.SubjectKey) && s.WithdrawnAt == null && s.ExpiresAt > now)
            .Select(s => new { s.Sender, s.SubjectKey, s.Role, s.RegisteredAt }).ToListAsync(ct);
        var handOvers = await db.HandOvers.AsNoTracking()
            .Where(h => h.SubjectKey != null && everyone.Contains(h.SubjectKey))
            .Select(h => new { h.Sender, h.Receiver, h.State, SubjectKey = h.SubjectKey!, h.OfferedAt }).ToListAsync(ct);
        var regie = await db.Regie.AsNoTracking()
            .Where(r => everyone.Contains(r.SubjectKey))
            .Select(r => new { r.RegisseurOrganisation, r.ClaimedBy, r.SubjectKey, r.ClaimedAt }).ToListAsync(ct);

        // A role is known from the signals about a person; hand-overs and regie claims do not keep it.
        var roles = signals.GroupBy(s => s.SubjectKey).ToDictionary(g => g.Key, g => g.First().Role);
        bool Linked(string key) => !subjectKeys.Contains(key);
        SubjectRole? RoleOf(string key) => roles.TryGetValue(key, out var role) ? role : null;

        return
        [
            .. signals.Select(s => new Involvement(s.Sender, InvolvementKind.Signalled, Linked(s.SubjectKey), s.Role, s.RegisteredAt)),
            .. handOvers.SelectMany(h => (h.State == HandOverState.Declined ? [h.Sender] : new[] { h.Sender, h.Receiver })
                .Select(o => new Involvement(o, InvolvementKind.HandOver, Linked(h.SubjectKey), RoleOf(h.SubjectKey), h.OfferedAt))),
            .. regie.SelectMany(r => new[] { r.RegisseurOrganisation, r.ClaimedBy }.Distinct()
                .Select(o => new Involvement(o, InvolvementKind.Regie, Linked(r.SubjectKey), RoleOf(r.SubjectKey), r.ClaimedAt))),
        ];
    }

    /// <summary>The organisations involved, each once.</summary>
    public async Task<IReadOnlySet<string>> OrganisationsAsync(IReadOnlyCollection<string> subjectKeys, DateTimeOffset now, CancellationToken ct) =>
        (await OfAsync(subjectKeys, now, ct)).Select(i => i.Organisation).ToHashSet(StringComparer.Ordinal);

    /// <summary>The keys family links connect to these: parents or children, and their children or parents in turn.</summary>
    private async Task<IReadOnlyList<string>> FamilyOfAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var first = await db.FamilyLinks.AsNoTracking().Where(l => keys.Contains(l.SubjectKey)).Select(l => l.RelatedKey).Distinct().ToListAsync(ct);
        if (first.Count == 0)
        {
            return [];
        }

        var second = await db.FamilyLinks.AsNoTracking().Where(l => first.Contains(l.SubjectKey)).Select(l => l.RelatedKey).Distinct().ToListAsync(ct);
        return [.. first.Union(second).Except(keys)];
    }
}
