using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Workflows;

/// <summary>Who holds regie for a child or a family (scope), under the hub's subject key.</summary>
public sealed class RegieRecord
{
    public required Guid Id { get; set; }
    public required string SubjectKey { get; set; }
    public required RegieScope Scope { get; set; }
    public required string RegisseurOrganisation { get; set; }
    public string? RegisseurDisplayName { get; set; }
    public required string ClaimedBy { get; set; }
    public required DateTimeOffset ClaimedAt { get; set; }
}

/// <summary>
/// One regisseur per family and scope (1 gezin, 1 plan, 1 regisseur). The first claim is recorded and routed to
/// the partners, who acknowledge it; a claim for the same regisseur again is routed as it is; a claim for another
/// regisseur does not overwrite: both claimants and the operators get a <see cref="RegieConflict"/>, and the
/// claim goes no further. Reporters who want terugkoppeling hear that regie was assigned.
/// </summary>
public sealed class RegieWorkflow(HubDbContext db, Pseudonymizer pseudonymizer, SignalIndex signals) : IRoutingStep
{
    /// <summary>Lets a first claim, or one for the regisseur already recorded, go on; answers a conflicting claim itself.</summary>
    public async Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct)
    {
        if (work.Message is not RegieAssigned claim)
        {
            return null;
        }

        if (pseudonymizer.SubjectKeyFor(claim.Subject, claim.SenderOrganisation) is not { } key)
        {
            return StepVerdict.RuleViolated("A regie claim needs its subject with a BSN or the sender's own reference.");
        }

        await db.LockSubjectsAsync([key.Value], ct); // claims at once take turns: the second finds the first and conflicts with it
        var existing = await Recorded(claim).AsNoTracking().FirstOrDefaultAsync(ct);
        if (existing is null || existing.RegisseurOrganisation == claim.RegisseurOrganisation)
        {
            return null;
        }

        var conflict = HubMessages.RegieConflict(claim, existing, work.Now);
        foreach (var organisation in conflict.Recipients)
        {
            work.Disclose(organisation, conflict with { Recipients = [organisation] }, Disclosure.RegieConflict(key));
        }

        work.Send(OutboxDestinations.Events, conflict);
        return new StepVerdict.Answered(work.Result(RoutingOutcome.Registered));
    }

    /// <summary>Records a first claim that reached its partners (the subject is locked since the check).</summary>
    public async Task RecordAsync(RoutingWork work, CancellationToken ct)
    {
        if (work.Message is not RegieAssigned claim
            || pseudonymizer.SubjectKeyFor(claim.Subject, claim.SenderOrganisation) is not { } key
            || await Recorded(claim).AnyAsync(ct))
        {
            return;
        }

        db.Regie.Add(new RegieRecord
        {
            Id = claim.MessageId,
            SubjectKey = key.Value,
            Scope = claim.Scope,
            RegisseurOrganisation = claim.RegisseurOrganisation,
            RegisseurDisplayName = claim.RegisseurDisplayName,
            ClaimedBy = claim.SenderOrganisation,
            ClaimedAt = work.Now,
        });
        await signals.SendFeedbackAsync(work, Keys(claim), TerugkoppelingStatus.RegieAssigned, [claim.SenderOrganisation, claim.RegisseurOrganisation], ct);
    }

    /// <summary>The claim on record for this person and scope, under any configured key: a claim from before a key rotation still holds.</summary>
    private IQueryable<RegieRecord> Recorded(RegieAssigned claim)
    {
        var keys = Keys(claim);
        return db.Regie.Where(r => keys.Contains(r.SubjectKey) && r.Scope == claim.Scope);
    }

    private List<string> Keys(RegieAssigned claim) =>
        [.. pseudonymizer.SubjectKeyCandidates(claim.Subject, claim.SenderOrganisation).Select(k => k.Value)];
}
