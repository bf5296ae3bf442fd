using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Consent events partners send to the hub: recorded and refused decisions go into the register under the
/// recorder's own id (ids are the partners' and mean something only together with the recorder); a withdrawal
/// by the recorder ends (part of) its consent from the day it names, and everyone who received data under it
/// gets a deletion request whose confirmation is awaited like any hand-off (late confirmations raise an alert to
/// the withdrawing partner). A decision the register refuses is returned whole: nothing is half written.
/// </summary>
public sealed class ConsentDesk(HubDbContext db, ConsentStore consents, AccessLogStore accessLog, Pseudonymizer pseudonymizer, HandOffLedger ledger,
    ILogger<ConsentDesk> logger)
{
    /// <summary>The hub's register id for a partner's consent (and, when it covers several, for one target of it).</summary>
    public static string RegisterId(string recordedBy, string consentId, string? target = null) =>
        $"{recordedBy}/{consentId}" + (target is null ? "" : "#" + target);

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

        // One register record per organisation or type covered, all under the recorder's own id.
        var records = targets.Select(target => new ConsentRecord
        {
            Id = RegisterId(sender, consentId, targets.Count == 1 ? null : target.OrganisationCode ?? target.OrganisationType.ToString()),
            RecordedBy = sender,
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
            var result = await consents.RecordAsync(record, consentId, work.Now, ct);
            if (!result.Succeeded)
            {
                return Refuse(work, "The consent register refused the decision: " + Describe(result.Errors));
            }
        }

        await accessLog.AppendAsync(records.Select(r => AccessLogEntries.ForConsentChange(r, sender, sender, work.Now)), ct);
        work.AcknowledgeAsHub();
        return work.Result(RoutingOutcome.Registered);
    }

    private async Task<RoutingResult> WithdrawAsync(RoutingWork work, ConsentWithdrawn withdrawal, CancellationToken ct)
    {
        var sender = work.Message.SenderOrganisation;
        var outcome = await consents.WithdrawAsync(sender, withdrawal.ConsentId, withdrawal.Scope, StartOf(withdrawal.WithdrawnOn), work.Now, ct);
        if (outcome.IsUnknown)
        {
            // Unknown and someone else's look the same to the sender, so probing ids tells nothing.
            logger.LogWarning("Withdrawal {MessageId} from {Sender} names a consent id it never recorded", withdrawal.MessageId, sender);
            work.Return(sender, ReturnCode.UnknownConsent, "You recorded no consent with this id.");
            return work.Result(RoutingOutcome.Returned, ReturnCode.UnknownConsent);
        }

        if (!outcome.Succeeded)
        {
            return Refuse(work, "The consent register refused the withdrawal: " + Describe(outcome.Errors));
        }

        await accessLog.AppendAsync(outcome.Withdrawn.Select(r => AccessLogEntries.ForConsentChange(r, sender, sender, work.Now)), ct);
        foreach (var recipient in await consents.RecipientsUnderAsync(outcome.Withdrawn, work.Now, ct))
        {
            var requestId = DeterministicGuid.Create(withdrawal.MessageId, "deletion:" + recipient);
            var due = ledger.Record(work, requestId, nameof(DeletionRequested), sender, recipient, DeadlineKind.DeletionConfirmation);
            var subject = withdrawal.Subject is { } person
                ? new SubjectReference { Role = person.Role, Pseudonym = pseudonymizer.PseudonymFor(recipient, person, sender) }
                : null;
            work.Disclose(recipient, HubMessages.DeletionRequest(requestId, withdrawal, recipient, subject, due, work.Now),
                Disclosure.DeletionRequest(outcome.Withdrawn[0].Subject, sender));
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

    private static string Describe(IEnumerable<ConsentValidationError> errors) => string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"));

    /// <summary>A decision or withdrawal dated by day counts from the start of that day.</summary>
    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
