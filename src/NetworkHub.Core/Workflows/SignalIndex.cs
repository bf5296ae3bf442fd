using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;

namespace NetworkHub.Core.Workflows;

/// <summary>A signal in the hub's index (like the Verwijsindex): that an organisation is involved, not the story.</summary>
public sealed class SignalRecord
{
    public required Guid Id { get; set; }
    public required string SubjectKey { get; set; }
    public required SubjectRole Role { get; set; }
    public required string Sender { get; set; }

    /// <summary>The sender's own reference for the child, so a match can tell it which of its children it is about.</summary>
    public string? SenderReference { get; set; }
    public required string Category { get; set; }
    public required Urgency Urgency { get; set; }
    public required DateTimeOffset RegisteredAt { get; set; }
    public required DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>The reporter wants terugkoppeling: status feedback, never case details.</summary>
    public required bool FeedbackWanted { get; set; }

    /// <summary>
    /// When the reporter first heard back about this signal after it was picked up: the hub's terugkoppeling of a later
    /// step, or one a partner sent it naming this signal. "Picked up" itself is not noted here: an acknowledged hand-off
    /// of the signal means the hub told the reporter so (sturingsinformatie counts all three).
    /// </summary>
    public DateTimeOffset? HeardBackAt { get; set; }

    /// <summary>The signal is about safety (the life domain veiligheid, or acute urgency).</summary>
    public required bool SafetyConcern { get; set; }
}

/// <summary>
/// Organisations signalled the same child, or a child and its parent; regie must be taken within a deadline.
/// </summary>
public sealed class MatchRecord
{
    public required Guid Id { get; set; }
    public required string SubjectKey { get; set; }

    /// <summary>For a family match: the key of the family member on the other side; null when both signalled the same person.</summary>
    public string? RelatedKey { get; set; }
    public required DateTimeOffset MatchedAt { get; set; }
}

/// <summary>
/// A link between a child and its parent that a signalling organisation stated, filed under the hub's keys (never
/// a BSN) in both directions, so that a later signal about either finds the other.
/// </summary>
public sealed class FamilyLink
{
    public required string SubjectKey { get; set; }
    public required string RelatedKey { get; set; }
    public required string LinkedBy { get; set; }
    public required DateTimeOffset LinkedAt { get; set; }
}

/// <summary>
/// Signals and matches. Every signal is registered under the hub's subject key. When another organisation signals
/// the same child, or a member of its family (a link a signaller stated), every organisation involved gets a
/// <see cref="MatchNotification"/> naming the others (codes only), and the operators see it as a regie proposal on
/// the event feed. A signal without recipients is for the index only. Signals expire (default two years) and can be
/// withdrawn; those matched with it are told. The first recipient to acknowledge a signal makes it "picked up".
/// </summary>
public sealed class SignalIndex(HubDbContext db, Pseudonymizer pseudonymizer, IDeadlineCalendar deadlines, IOptions<DeadlineOptions> options) : IRoutingStep, IDeadlineStep
{
    private static readonly string SignalContract = ContractCatalogue.NameOf(typeof(Signaal));

    /// <summary>Handles a message for the index alone (a signal without recipients, a withdrawal); null for any other.</summary>
    public async Task<RoutingResult?> HandleAsync(RoutingWork work, CancellationToken ct) => work.Message switch
    {
        Signaal { Recipients.Count: 0 } signal => await RegisterIndexOnlyAsync(work, signal, ct),
        SignaalWithdrawn withdrawal => await WithdrawAsync(work, withdrawal, ct),
        _ => null,
    };

    /// <summary>
    /// Why an organisation of this type may not register a signal for the index alone, or null when it may. Like the
    /// Verwijsindex, the index is for organisations with a care or support task for a child; the police, housing
    /// corporations and organisations of no registered role would learn who is involved without any such task.
    /// </summary>
    public static string? IndexRefusal(OrganisationType senderType) =>
        senderType is OrganisationType.Politie or OrganisationType.Woningcorporatie or OrganisationType.Other
            ? $"An organisation of type {senderType} has no care task for children and registers no signals in the index; send a signal to its recipients under a legal basis."
            : null;

    /// <summary>A signal to recipients is registered only once it reached one of them.</summary>
    public Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct) => Task.FromResult<StepVerdict?>(null);

    public async Task RecordAsync(RoutingWork work, CancellationToken ct)
    {
        switch (work.Message)
        {
            case Signaal signal:
                await RegisterAsync(work, signal, ct);
                break;
            case Terugkoppeling feedback:
                // A partner told the reporter itself; it counts only when it reached the organisation that signalled.
                if (await db.Signals.FirstOrDefaultAsync(s => s.Id == feedback.ReportMessageId, ct) is { } reported
                    && work.Dispatches().Any(d => d.Message is Terugkoppeling && d.Destination == reported.Sender))
                {
                    reported.HeardBackAt ??= work.Now;
                }

                break;
        }
    }

    private async Task<RoutingResult> RegisterIndexOnlyAsync(RoutingWork work, Signaal signal, CancellationToken ct)
    {
        if (!await RegisterAsync(work, signal, ct))
        {
            return Refuse(work, "A signal needs its subject with a BSN or the sender's own reference.");
        }

        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    /// <summary>Registers the signal and matches it with what the index holds; false when it names no subject the hub can key.</summary>
    private async Task<bool> RegisterAsync(RoutingWork work, Signaal signal, CancellationToken ct)
    {
        var sender = signal.SenderOrganisation;
        if (signal.Subject is not { } subject || pseudonymizer.SubjectKeyFor(subject, sender) is not { } key)
        {
            return false;
        }

        var members = signal.FamilyMembers
            .Select(m => (Key: pseudonymizer.SubjectKeyFor(m, sender)!.Value, Member: m))
            .Where(m => m.Key != key.Value)
            .DistinctBy(m => m.Key)
            .ToDictionary(m => m.Key, m => m.Member);

        // New records go under the current key; earlier ones are found under every key, so a key rotation hides nothing.
        var keys = pseudonymizer.SubjectKeyCandidates(subject, sender).Select(k => k.Value).ToList();

        // Signals about one family are registered one at a time, so each finds those before it and is matched with them.
        var family = await db.FamilyLinks.Where(l => keys.Contains(l.SubjectKey)).Select(l => l.RelatedKey).ToListAsync(ct);
        await db.LockSubjectsAsync([key.Value, .. members.Keys, .. family], ct);
        var newlyLinked = await LinkFamilyAsync(work, key.Value, members.Keys, ct);
        var knownFamily = db.FamilyLinks.Where(l => keys.Contains(l.SubjectKey)).Select(l => l.RelatedKey); // a subquery: one round trip
        var active = await db.Signals
            .Where(s => (keys.Contains(s.SubjectKey) || knownFamily.Contains(s.SubjectKey) || newlyLinked.Contains(s.SubjectKey))
                        && s.WithdrawnAt == null && s.ExpiresAt > work.Now)
            .ToListAsync(ct);

        // The index holds one registration per organisation and person, like the Verwijsindex: the original report,
        // to which terugkoppeling refers. A later signal about the same person is routed, not registered again,
        // unless it raises a safety concern the registration lacks: from then on the case cannot close unseen.
        var safetyConcern = signal.Leefgebieden.Contains(Leefgebied.Veiligheid) || signal.Urgency == Urgency.Acute;
        var ownRegistrations = active.Where(s => keys.Contains(s.SubjectKey) && s.Sender == sender).ToList();
        var alreadySignalled = ownRegistrations.Count > 0;
        if (!alreadySignalled || (safetyConcern && !ownRegistrations.Any(s => s.SafetyConcern)))
        {
            db.Signals.Add(new SignalRecord
            {
                Id = signal.MessageId,
                SubjectKey = key.Value,
                Role = subject.Role,
                Sender = sender,
                SenderReference = subject.SenderReference,
                Category = signal.Category,
                Urgency = signal.Urgency,
                RegisteredAt = work.Now,
                ExpiresAt = signal.ExpiresAt?.ToUniversalTime() ?? work.Now + options.Value.SignalExpiry,
                FeedbackWanted = signal.FeedbackWanted,
                SafetyConcern = safetyConcern,
            });
            if (safetyConcern)
            {
                SafetyConcernWatch.Start(db, deadlines, signal.MessageId, work.Now);
            }
        }

        // A sender signalling again matches only with what its new family links reveal; the rest it was told before.
        var others = active.Where(s => s.Sender != sender && (!alreadySignalled || newlyLinked.Contains(s.SubjectKey)));
        foreach (var side in others.GroupBy(s => keys.Contains(s.SubjectKey) ? key.Value : s.SubjectKey))
        {
            await MatchAsync(work, key, keys, subject, side.Key, [.. side], members.GetValueOrDefault(side.Key), ct);
        }

        return true;
    }

    /// <summary>Files the family links this signal states that the hub did not know yet, both ways; returns the newly linked keys.</summary>
    private async Task<IReadOnlyList<string>> LinkFamilyAsync(RoutingWork work, string key, IEnumerable<string> memberKeys, CancellationToken ct)
    {
        var wanted = memberKeys.ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var known = await db.FamilyLinks.Where(l => l.SubjectKey == key && wanted.Contains(l.RelatedKey)).Select(l => l.RelatedKey).ToListAsync(ct);
        var added = wanted.Except(known).ToList();
        foreach (var related in added)
        {
            var by = work.Message.SenderOrganisation;
            db.FamilyLinks.Add(new FamilyLink { SubjectKey = key, RelatedKey = related, LinkedBy = by, LinkedAt = work.Now });
            db.FamilyLinks.Add(new FamilyLink { SubjectKey = related, RelatedKey = key, LinkedBy = by, LinkedAt = work.Now });
        }

        return added;
    }

    /// <summary>
    /// Matches the newcomer's signal with the signals of other organisations about one person: the same child, or
    /// a family member (<paramref name="member"/> is that person as this message named it, when it did). Each side
    /// learns its own subject and the matched one, projected for it: a role and a pseudonym, never a BSN.
    /// </summary>
    private async Task MatchAsync(RoutingWork work, SubjectKey key, IReadOnlyList<string> keys, SubjectReference subject, string sideKey,
        IReadOnlyList<SignalRecord> side, SubjectReference? member, CancellationToken ct)
    {
        var newcomer = work.Message.SenderOrganisation;
        var sideRole = side[0].Role;
        var sameSubject = sideKey == key.Value;
        var matchId = DeterministicGuid.Create(Guid.Empty, "match:" + (sameSubject ? key.Value : string.Join('|', new[] { key.Value, sideKey }.Order(StringComparer.Ordinal))));
        // Whoever already holds regie over either person is named, so that nobody starts a second plan.
        string[] matchedKeys = sameSubject ? [.. keys] : [.. keys, sideKey];
        var regisseur = await db.Regie.AsNoTracking()
            .Where(r => matchedKeys.Contains(r.SubjectKey))
            .OrderBy(r => r.ClaimedAt)
            .Select(r => r.RegisseurOrganisation)
            .FirstOrDefaultAsync(ct);
        if (!await db.Matches.AnyAsync(m => m.Id == matchId, ct))
        {
            db.Matches.Add(new MatchRecord { Id = matchId, SubjectKey = key.Value, RelatedKey = sameSubject ? null : sideKey, MatchedAt = work.Now });
            if (regisseur is null)
            {
                // Someone must take regie: if nobody has by the deadline, the hub flags the family.
                db.Deadlines.Add(Deadline.For(matchId, DeadlineKind.RegieAssignment, deadlines.DueAfter(work.Now, DeadlineKind.RegieAssignment), work.Now));
            }
        }

        SubjectReference Projected(SubjectRole role, SubjectReference? person, string recipient, string? ownReference) => new()
        {
            Role = role,
            SenderReference = ownReference,
            Pseudonym = person is null ? null : pseudonymizer.PseudonymFor(recipient, person, newcomer),
        };

        var theirReferences = side.GroupBy(o => o.Sender).ToDictionary(g => g.Key, g => g.First().SenderReference);
        var involved = theirReferences.Keys.Append(newcomer).Order(StringComparer.Ordinal).ToArray();
        var sidePerson = sameSubject ? subject : member;
        foreach (var organisation in involved)
        {
            var isNewcomer = organisation == newcomer;
            var own = isNewcomer
                ? Projected(subject.Role, subject, organisation, subject.SenderReference)
                : Projected(sideRole, sidePerson, organisation, theirReferences[organisation]);
            var matched = sameSubject ? own
                : isNewcomer ? Projected(sideRole, member, organisation, ownReference: null)
                : Projected(subject.Role, subject, organisation, ownReference: null);
            // Each side learns about the other side's person: the newcomer about the matched one, the others about the newcomer's.
            work.Disclose(organisation, HubMessages.Match(work.Message, matchId, organisation, own, involved, matched, regisseur, work.Now),
                Disclosure.Match(new SubjectKey(isNewcomer ? sideKey : key.Value)));
        }

        // Operators see the match as a regie proposal; without any reference to the child.
        work.Send(OutboxDestinations.Events,
            HubMessages.Match(work.Message, matchId, OutboxDestinations.Events, own: null, involved, new SubjectReference { Role = sideRole }, regisseur, work.Now));
    }

    private async Task<RoutingResult> WithdrawAsync(RoutingWork work, SignaalWithdrawn withdrawal, CancellationToken ct)
    {
        await db.LockRowAsync<SignalRecord>(withdrawal.SignaalMessageId, ct);
        var record = await db.Signals.FirstOrDefaultAsync(s => s.Id == withdrawal.SignaalMessageId && s.Sender == withdrawal.SenderOrganisation, ct);
        if (record is null || record.WithdrawnAt is not null)
        {
            return Refuse(work, $"No active signal {withdrawal.SignaalMessageId} of {withdrawal.SenderOrganisation} is registered.");
        }

        record.WithdrawnAt = work.Now;
        var family = await WithFamilyAsync([record.SubjectKey], ct);
        await db.LockSubjectsAsync(family, ct); // a signal registered meanwhile is either matched with this one or told of its withdrawal
        var matched = await db.Signals
            .Where(s => family.Contains(s.SubjectKey) && s.Sender != record.Sender && s.WithdrawnAt == null && s.ExpiresAt > work.Now)
            .Select(s => s.Sender)
            .Distinct()
            .ToListAsync(ct);
        foreach (var organisation in matched)
        {
            work.Disclose(organisation, withdrawal with
            {
                MessageId = DeterministicGuid.Create(withdrawal.MessageId, "withdrawn:" + organisation),
                Recipients = [organisation],
                Subject = null,
            }, Disclosure.Withdrawal(new SubjectKey(record.SubjectKey), record.Sender));
        }

        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    /// <summary>
    /// Terugkoppeling: every organisation that signalled this child and wants feedback hears the new status
    /// (status only, never case details), except the organisations that caused it.
    /// </summary>
    public async Task SendFeedbackAsync(RoutingWork work, IReadOnlyCollection<string> subjectKeys, TerugkoppelingStatus status, IReadOnlyCollection<string> except, CancellationToken ct)
    {
        // Tracked: the reporters' HeardBackAt is saved with the rest of the routing's changes.
        var reporters = await db.Signals
            .Where(s => subjectKeys.Contains(s.SubjectKey) && s.FeedbackWanted && s.WithdrawnAt == null && s.ExpiresAt > work.Now)
            .ToListAsync(ct);
        foreach (var signal in reporters.Where(s => !except.Contains(s.Sender)))
        {
            work.Disclose(signal.Sender, HubMessages.Feedback(work.Message, signal, status, work.Now), Disclosure.Feedback(new SubjectKey(signal.SubjectKey)));
            signal.HeardBackAt ??= work.Now;
        }
    }

    /// <summary>
    /// Terugkoppeling "picked up": the first recipient to acknowledge a registered signal (the original report) has
    /// taken it on, and a reporter who wants feedback hears so (status only).
    /// </summary>
    public async Task PickedUpAsync(RoutingWork work, HandOff acknowledged, CancellationToken ct)
    {
        if (acknowledged.Contract != SignalContract)
        {
            return;
        }

        // Recipients acknowledging at once take turns here, so the second finds the first's acknowledgement.
        await db.LockRowAsync<SignalRecord>(acknowledged.MessageId, ct);
        if (await db.Signals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == acknowledged.MessageId && s.FeedbackWanted, ct) is not { } signal
            || await db.HandOffs.AnyAsync(h => h.MessageId == acknowledged.MessageId && h.Id != acknowledged.Id && h.State == HandOffState.Acknowledged, ct))
        {
            return;
        }

        // Not noted in HeardBackAt: on the hot path of every acknowledged signal; the acknowledged hand-off says it already.
        work.Disclose(signal.Sender, HubMessages.Feedback(work.Message, signal, TerugkoppelingStatus.PickedUp, work.Now), Disclosure.Feedback(new SubjectKey(signal.SubjectKey)));
    }

    public bool Fires(DeadlineKind kind) => kind == DeadlineKind.RegieAssignment;

    /// <summary>A regie deadline only reads: a claim at the same moment counts as just after it.</summary>
    public Task LockAsync(Deadline deadline, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The regie deadline after a match came due: flag the family when nobody took regie.</summary>
    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        if (await db.Matches.AsNoTracking().FirstOrDefaultAsync(m => m.Id == deadline.Reference, ct) is not { } match)
        {
            return;
        }

        // Regie over the matched person, or over the whole family of either side, settles it.
        string[] matchedKeys = match.RelatedKey is { } related ? [match.SubjectKey, related] : [match.SubjectKey];
        var family = await WithFamilyAsync(matchedKeys, ct);
        if (await db.Regie.AnyAsync(r => matchedKeys.Contains(r.SubjectKey) || (r.Scope == RegieScope.Family && family.Contains(r.SubjectKey)), ct))
        {
            return;
        }

        var involved = await db.Signals.AsNoTracking()
            .Where(s => matchedKeys.Contains(s.SubjectKey) && s.WithdrawnAt == null && s.ExpiresAt > now)
            .Select(s => s.Sender).Distinct().OrderBy(s => s).ToListAsync(ct);
        var missing = HubMessages.RegieMissing(deadline, match, involved, now);
        foreach (var organisation in involved)
        {
            outbox.Add(missing with { Recipients = [organisation] }, organisation, deadline.Id);
        }

        outbox.Add(missing, OutboxDestinations.Events, deadline.Id);
    }

    /// <summary>The given keys and every family member linked to them.</summary>
    private async Task<List<string>> WithFamilyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var related = await db.FamilyLinks.AsNoTracking().Where(l => keys.Contains(l.SubjectKey)).Select(l => l.RelatedKey).ToListAsync(ct);
        return [.. keys.Union(related)];
    }

    private static RoutingResult Refuse(RoutingWork work, string reason)
    {
        work.Return(work.Message.SenderOrganisation, ReturnCode.DomainRuleViolated, reason);
        return work.Result(RoutingOutcome.Returned, ReturnCode.DomainRuleViolated);
    }
}
