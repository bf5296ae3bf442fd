using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Consent events partners send to the hub: recorded and refused decisions go into the register; a
/// withdrawal ends consent, and everyone who received data under it gets a deletion request whose
/// confirmation is awaited like any hand-off (late confirmations raise an alert to the withdrawing partner).
/// A decision the register refuses is returned whole: nothing is half written.
/// </summary>
public sealed class ConsentDesk(HubDbContext db, ConsentStore consents, AccessLogStore accessLog, Pseudonymizer pseudonymizer, HandOffLedger ledger)
{
    /// <summary>Handles the message when it is a consent event; null when it is not one.</summary>
    public async Task<RoutingResult?> HandleAsync(RoutingWork work, CancellationToken ct) => work.Message switch
    {
        ConsentRecorded given => await RecordAsync(work, given.ConsentId, given.Scope, given.GrantedBy, ConsentDecision.Given, given.GivenOn, given.ValidUntil, ct),
        ConsentRefused refused => await RecordAsync(work, refused.ConsentId, refused.Scope, [refused.RefusedBy], ConsentDecision.Refused, refused.RefusedOn, null, ct),
        ConsentWithdrawn withdrawn => await WithdrawAsync(work, withdrawn, ct),
        _ => null,
    };

    private async Task<RoutingResult> RecordAsync(RoutingWork work, string consentId, Contracts.V1.ConsentScope scope,
        IReadOnlyList<GrantorRole> grantedBy, ConsentDecision decision, DateOnly decidedOn, DateOnly? validUntil, CancellationToken ct)
    {
        var sender = work.Message.SenderOrganisation;
        if (work.Message.Subject is not { BirthDate: { } birthDate } subject || pseudonymizer.SubjectKeyFor(subject, sender) is not { } subjectKey)
        {
            return Refuse(work, "A consent decision needs its subject with a birth date (for the age rules) and a BSN or the sender's reference.");
        }

        var targets = scope.Organisations.Select(Privacy.ConsentScope.ForOrganisation)
            .Concat(scope.OrganisationTypes.Select(Privacy.ConsentScope.ForType))
            .ToList();
        if (targets.Count == 0)
        {
            return Refuse(work, "A consent decision must name the organisations or organisation types it covers.");
        }

        // One register record per organisation or type covered; a single target keeps the partner's own id.
        var records = targets.Select(target => new ConsentRecord
        {
            Id = targets.Count == 1 ? consentId : $"{consentId}#{target.OrganisationCode ?? target.OrganisationType.ToString()}",
            Subject = subjectKey,
            SubjectBirthDate = birthDate,
            Purpose = scope.Purpose,
            Scope = target,
            GrantedBy = grantedBy,
            Decision = decision,
            DecidedAt = StartOf(decidedOn),
            Method = ConsentMethod.Written,
            ValidUntil = validUntil is { } until ? StartOf(until) : null,
        }).ToList();

        foreach (var record in records)
        {
            var result = await consents.RecordAsync(record, sender, work.Now, ct);
            if (!result.Succeeded)
            {
                return Refuse(work, Describe(result));
            }
        }

        await accessLog.AppendAsync(records.Select(r => AccessLogEntries.ForConsentChange(r, sender, sender, work.Now)), ct);
        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    private async Task<RoutingResult> WithdrawAsync(RoutingWork work, ConsentWithdrawn withdrawal, CancellationToken ct)
    {
        var sender = work.Message.SenderOrganisation;
        var prefix = withdrawal.ConsentId + "#";
        var ids = await db.Consents.AsNoTracking()
            .Where(c => c.Id == withdrawal.ConsentId || c.Id.StartsWith(prefix))
            .Select(c => c.Id)
            .ToListAsync(ct);
        if (ids.Count == 0)
        {
            return Refuse(work, $"No consent record '{withdrawal.ConsentId}' is registered.");
        }

        var withdrawn = new List<ConsentRecord>();
        foreach (var id in ids)
        {
            var result = await consents.WithdrawAsync(id, work.Now, ct);
            if (!result.Succeeded)
            {
                return Refuse(work, Describe(result));
            }

            withdrawn.Add(result.Record!);
        }

        await accessLog.AppendAsync(withdrawn.Select(r => AccessLogEntries.ForConsentChange(r, sender, sender, work.Now)), ct);
        var transfers = await db.AccessLog.AsNoTracking()
            .Where(e => e.Event == AccessEventKind.Transfer && e.ConsentReference != null && ids.Contains(e.ConsentReference))
            .ToListAsync(ct);
        var recipients = withdrawn.SelectMany(r => WithdrawalFanOut.RecipientsToNotify(r, transfers)).Distinct(StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            var requestId = DeterministicGuid.Create(withdrawal.MessageId, "deletion:" + recipient);
            var due = ledger.Record(work, requestId, nameof(DeletionRequested), sender, recipient, DeadlineKind.DeletionConfirmation);
            work.Send(recipient, new DeletionRequested
            {
                MessageId = requestId,
                CorrelationId = withdrawal.CorrelationId,
                SenderOrganisation = HubTopology.HubOrganisation,
                Recipients = [recipient],
                Subject = withdrawal.Subject is { } subject
                    ? new SubjectReference { Role = subject.Role, Pseudonym = pseudonymizer.PseudonymFor(recipient, subject, sender) }
                    : null,
                Purpose = Purpose.Coordination,
                CreatedAt = work.Now,
                RequestedBy = withdrawal.WithdrawnBy,
                Scope = withdrawal.Scope,
                ConsentId = withdrawal.ConsentId,
                AnswerBefore = DateOnly.FromDateTime(due.UtcDateTime),
            });
        }

        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    private RoutingResult Refuse(RoutingWork work, string reason)
    {
        // Whatever the register staged for this message is dropped with it: the decision is all or nothing.
        foreach (var entry in db.ChangeTracker.Entries<ConsentRow>().ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                entry.Reload();
            }
        }

        work.Return(work.Message.SenderOrganisation, ReturnCode.DomainRuleViolated, reason);
        return work.Result(RoutingOutcome.Returned, ReturnCode.DomainRuleViolated);
    }

    private static string Describe(ConsentResult result) =>
        "The consent register refused the decision: " + string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Message}"));

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
