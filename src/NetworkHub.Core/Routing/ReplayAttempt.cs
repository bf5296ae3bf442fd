using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Routing;

/// <summary>Who replays: a console user or a name given to the operator tool, for an organisation, through which surface.</summary>
public sealed record ReplayActor(string Name, string Organisation, string Via);

/// <summary>
/// One quarantine entry taken through the ingress pipeline again: who asked, for which organisation, and whether it is a
/// dry run. The attempt claims its entry inside the transaction that decides on the message, so however often and by
/// however many people an entry is replayed, one decision commits; a dry run decides the same way and commits nothing.
/// </summary>
public sealed record ReplayAttempt(long EntryId, ReplayActor By, bool DryRun)
{
    /// <summary>
    /// The id of what the replay sends derives from what the original sent and the entry: its return is a new message to
    /// the sender (who deduplicates on ids), and the same one when the replay's transaction is tried again.
    /// </summary>
    public Guid Salt(Guid basis) => DeterministicGuid.Create(basis, $"replay:{EntryId}");

    /// <summary>Takes the entry for this attempt, in the caller's transaction; false when a replay took it before.</summary>
    public async Task<bool> ClaimAsync(HubDbContext db, DateTimeOffset now, CancellationToken ct) =>
        await db.Quarantine.Where(q => q.Id == EntryId && q.ReplayedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.ReplayedAt, now).SetProperty(q => q.ReplayedBy, By.Name), ct) == 1;

    /// <summary>Records on the entry what the replay did, with an access-log row naming who replayed it.</summary>
    public async Task RecordAsync(HubDbContext db, RoutingResult result, Guid? messageId, DateTimeOffset now, CancellationToken ct)
    {
        var outcome = OutcomeOf(result.Outcome);
        await db.Quarantine.Where(q => q.Id == EntryId)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.ReplayOutcome, outcome).SetProperty(q => q.ReplayCode, result.Code), ct);
        db.AccessLog.Add(AccessLogEntries.ForOperator(AccessEventKind.OperatorAction, By.Name, By.Organisation,
            $"Replayed quarantined message #{EntryId} via the {By.Via}: {outcome}" + (result.Code is { } code ? $" ({ReturnCodes.Describe(code).Id} {code})." : "."), now, messageId));
    }

    public static QuarantineReplayOutcome OutcomeOf(RoutingOutcome outcome) => outcome switch
    {
        RoutingOutcome.Routed => QuarantineReplayOutcome.Routed,
        RoutingOutcome.Settled => QuarantineReplayOutcome.Settled,
        RoutingOutcome.Registered => QuarantineReplayOutcome.Registered,
        RoutingOutcome.Returned => QuarantineReplayOutcome.Returned,
        RoutingOutcome.Quarantined => QuarantineReplayOutcome.Quarantined,
        _ => QuarantineReplayOutcome.AlreadyHandled,
    };
}
