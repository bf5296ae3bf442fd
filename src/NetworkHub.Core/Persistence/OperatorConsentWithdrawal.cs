using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>What an operator's withdrawal did: the records withdrawn and who received data under them, or why nothing changed.</summary>
public sealed record OperatorWithdrawalResult(ConsentWithdrawal Outcome, IReadOnlyList<string> EarlierRecipients);

/// <summary>
/// An operator withdraws a consent on the recording organisation's behalf (the family asked the municipality, the
/// organisation is gone): the whole consent, from now, as a logged action with the operator's name and reason. The
/// hub keeps no way to identify the child towards earlier recipients, so they are listed for the operator to inform.
/// </summary>
public sealed class OperatorConsentWithdrawal(HubDbContext db, TimeProvider clock)
{
    public async Task<OperatorWithdrawalResult> WithdrawAsync(string recordedBy, string consentId, string operatorName, string reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var consents = new ConsentStore(db);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        var outcome = await consents.WithdrawAsync(recordedBy, consentId, scope: null, now, now, ct);
        if (!outcome.Succeeded)
        {
            return new(outcome, []);
        }

        var actor = "operator:" + operatorName.Trim();
        await new AccessLogStore(db).AppendAsync(outcome.Withdrawn.Select(r => AccessLogEntries.ForConsentChange(r, actor, recordedBy, now) with
        {
            Reason = $"Consent {r.Id} for {r.Purpose} ({r.Scope}) withdrawn by an operator: {reason.Trim()}",
        }), ct);
        var recipients = await consents.RecipientsUnderAsync(outcome.Withdrawn, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(outcome, recipients);
    }
}
