using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
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

    /// <summary>The signal is about safety (the life domain veiligheid, or acute urgency).</summary>
    public required bool SafetyConcern { get; set; }
}

/// <summary>Two or more organisations signalled the same child; regie must be taken within a deadline.</summary>
public sealed class MatchRecord
{
    public required Guid Id { get; set; }
    public required string SubjectKey { get; set; }
    public required DateTimeOffset MatchedAt { get; set; }
}

/// <summary>
/// Signals and matches. Every signal is registered under the hub's subject key; when a second organisation signals
/// the same child, every organisation involved gets a <see cref="MatchNotification"/> naming the others (codes only),
/// and the operators see it as a regie proposal on the event feed. A signal without recipients is for the index only.
/// Signals expire (default two years) and can be withdrawn; those matched with it are told.
/// </summary>
public sealed class SignalIndex(HubDbContext db, Pseudonymizer pseudonymizer, IDeadlineCalendar deadlines, IOptions<DeadlineOptions> options)
{
    /// <summary>Handles the index side of a message; returns a result when the message was for the index only.</summary>
    public async Task<RoutingResult?> HandleAsync(RoutingWork work, CancellationToken ct) => work.Message switch
    {
        Signaal signal => await RegisterAsync(work, signal, ct),
        SignaalWithdrawn withdrawal => await WithdrawAsync(work, withdrawal, ct),
        _ => null,
    };

    private async Task<RoutingResult?> RegisterAsync(RoutingWork work, Signaal signal, CancellationToken ct)
    {
        var sender = signal.SenderOrganisation;
        if (signal.Subject is not { } subject || pseudonymizer.SubjectKeyFor(subject, sender) is not { } key)
        {
            return signal.Recipients.Count == 0 ? Refuse(work, "A signal needs its subject with a BSN or the sender's own reference.") : null;
        }

        var active = await db.Signals
            .Where(s => s.SubjectKey == key.Value && s.WithdrawnAt == null && s.ExpiresAt > work.Now)
            .ToListAsync(ct);
        if (active.All(s => s.Sender != sender))
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
                SafetyConcern = signal.Leefgebieden.Contains(Leefgebied.Veiligheid) || signal.Urgency == Urgency.Acute,
            });
            if (active.Count > 0)
            {
                await MatchAsync(work, key, subject, sender, active, ct);
            }
        }

        if (signal.Recipients.Count > 0)
        {
            return null; // also a hand-off: routing goes on
        }

        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    private async Task MatchAsync(RoutingWork work, SubjectKey key, SubjectReference subject, string newcomer, IReadOnlyList<SignalRecord> others, CancellationToken ct)
    {
        var matchId = DeterministicGuid.Create(Guid.Empty, "match:" + key.Value);
        if (!await db.Matches.AnyAsync(m => m.Id == matchId, ct))
        {
            // Someone must take regie: if nobody has by the deadline, the hub flags the family.
            db.Matches.Add(new MatchRecord { Id = matchId, SubjectKey = key.Value, MatchedAt = work.Now });
            db.Deadlines.Add(Deadline.For(matchId, DeadlineKind.RegieAssignment, deadlines.DueAfter(work.Now, DeadlineKind.RegieAssignment), work.Now));
        }

        var references = others.GroupBy(o => o.Sender).ToDictionary(g => g.Key, g => g.First().SenderReference);
        references[newcomer] = subject.SenderReference;
        var involved = references.Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (var organisation in involved)
        {
            var theirs = new SubjectReference
            {
                Role = subject.Role,
                SenderReference = references[organisation],
                Pseudonym = pseudonymizer.PseudonymFor(organisation, subject, newcomer),
            };
            work.Send(organisation, new MatchNotification
            {
                MessageId = DeterministicGuid.Create(work.Message.MessageId, "match:" + organisation),
                CorrelationId = matchId,
                SenderOrganisation = HubTopology.HubOrganisation,
                Recipients = [organisation],
                Subject = theirs,
                Purpose = Purpose.Coordination,
                CreatedAt = work.Now,
                MatchId = matchId,
                InvolvedOrganisations = [.. involved.Where(o => o != organisation)],
                MatchedSubject = theirs,
            });
        }

        // Operators see the match as a regie proposal; without any reference to the child.
        work.Send(OutboxDestinations.Events, new MatchNotification
        {
            MessageId = DeterministicGuid.Create(work.Message.MessageId, "match:events"),
            CorrelationId = matchId,
            SenderOrganisation = HubTopology.HubOrganisation,
            Recipients = involved,
            Purpose = Purpose.Coordination,
            CreatedAt = work.Now,
            MatchId = matchId,
            InvolvedOrganisations = involved,
            MatchedSubject = new SubjectReference { Role = subject.Role },
        });
    }

    private async Task<RoutingResult> WithdrawAsync(RoutingWork work, SignaalWithdrawn withdrawal, CancellationToken ct)
    {
        var record = await db.Signals.FirstOrDefaultAsync(s => s.Id == withdrawal.SignaalMessageId && s.Sender == withdrawal.SenderOrganisation, ct);
        if (record is null || record.WithdrawnAt is not null)
        {
            return Refuse(work, $"No active signal {withdrawal.SignaalMessageId} of {withdrawal.SenderOrganisation} is registered.");
        }

        record.WithdrawnAt = work.Now;
        var matched = await db.Signals
            .Where(s => s.SubjectKey == record.SubjectKey && s.Sender != record.Sender && s.WithdrawnAt == null && s.ExpiresAt > work.Now)
            .Select(s => s.Sender)
            .Distinct()
            .ToListAsync(ct);
        foreach (var organisation in matched)
        {
            work.Send(organisation, withdrawal with
            {
                MessageId = DeterministicGuid.Create(withdrawal.MessageId, "withdrawn:" + organisation),
                Recipients = [organisation],
                Subject = null,
            });
        }

        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    /// <summary>
    /// Terugkoppeling: every organisation that signalled this child and wants feedback hears the new status
    /// (status only, never case details), except the organisations that caused it.
    /// </summary>
    public async Task SendFeedbackAsync(RoutingWork work, string subjectKey, TerugkoppelingStatus status, IReadOnlyCollection<string> except, CancellationToken ct)
    {
        var reporters = await db.Signals.AsNoTracking()
            .Where(s => s.SubjectKey == subjectKey && s.FeedbackWanted && s.WithdrawnAt == null && s.ExpiresAt > work.Now)
            .ToListAsync(ct);
        foreach (var signal in reporters.Where(s => !except.Contains(s.Sender)))
        {
            work.Send(signal.Sender, new Terugkoppeling
            {
                MessageId = DeterministicGuid.Create(work.Message.MessageId, $"feedback:{signal.Id}"),
                CorrelationId = signal.Id,
                SenderOrganisation = HubTopology.HubOrganisation,
                Recipients = [signal.Sender],
                Purpose = Purpose.Coordination,
                CreatedAt = work.Now,
                ReportMessageId = signal.Id,
                Status = status,
            });
        }
    }

    /// <summary>The regie deadline after a match came due: flag the family when nobody took regie.</summary>
    public async Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct)
    {
        if (await db.Matches.AsNoTracking().FirstOrDefaultAsync(m => m.Id == deadline.Reference, ct) is not { } match
            || await db.Regie.AnyAsync(r => r.SubjectKey == match.SubjectKey, ct))
        {
            return;
        }

        var involved = await db.Signals.AsNoTracking()
            .Where(s => s.SubjectKey == match.SubjectKey && s.WithdrawnAt == null && s.ExpiresAt > now)
            .Select(s => s.Sender).Distinct().OrderBy(s => s).ToListAsync(ct);
        var missing = new RegieMissing
        {
            MessageId = DeterministicGuid.Create(deadline.Id, "regie-missing"),
            CorrelationId = match.Id,
            SenderOrganisation = HubTopology.HubOrganisation,
            Recipients = involved,
            Purpose = Purpose.Coordination,
            CreatedAt = now,
            MatchId = match.Id,
            InvolvedOrganisations = involved,
            MatchedAt = match.MatchedAt,
        };
        foreach (var organisation in involved)
        {
            outbox.Add(missing with { Recipients = [organisation] }, organisation, deadline.Id);
        }

        outbox.Add(missing, OutboxDestinations.Events, deadline.Id);
    }

    private static RoutingResult Refuse(RoutingWork work, string reason)
    {
        work.Return(work.Message.SenderOrganisation, ReturnCode.DomainRuleViolated, reason);
        return work.Result(RoutingOutcome.Returned, ReturnCode.DomainRuleViolated);
    }
}
