using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// What the hub does with one recipient of a message: the decision, the copy to send (when allowed),
/// the access-log row to append, and the review item for the privacy officer (when overridden).
/// </summary>
public sealed record RecipientOutcome(PolicyDecision Decision, HubMessage? Copy, AccessLogEntry LogEntry, PrivacyReviewItem? Review);

/// <summary>
/// Steps 3 and 4 of the pipeline in one call: decide per recipient, then project. Pure: the caller
/// chains the log rows (<see cref="AccessLogChain.Append"/>), stores them with the review items in
/// the same transaction as the inbox entry, and sends the copies after the commit.
/// </summary>
public sealed class PrivacyGate(PrivacyPolicy policy, RecipientProjector projector)
{
    public IReadOnlyList<RecipientOutcome> Evaluate(HubMessage message, IOrganisationDirectory directory, IConsentLookup consents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(directory);
        return [.. policy.DecideAll(message, directory, consents, now).Select(decision =>
        {
            var copy = decision.Allowed ? projector.Project(message, decision, directory.Find(decision.RecipientCode)!) : null;
            return new RecipientOutcome(decision, copy, AccessLogEntries.ForDecision(decision, now), PrivacyReviewItem.For(decision, message, now));
        })];
    }
}
