using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Workflows;
using NetworkHub.Core.Telemetry;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Takes responsibility for one inbound message: decides what happens to it and records the decision,
/// the ledger rows, deadlines, access-log rows and every message it causes in one transaction. Sending
/// happens after the commit (see <see cref="OutboxDispatcher"/>), so a crash at any point loses nothing
/// and repeats nothing.
/// </summary>
public sealed class HandOffRouter(
    HubDbContext db,
    OrganisationRegistry registry,
    HandOffLedger ledger,
    PrivacyGate privacy,
    Pseudonymizer pseudonymizer,
    ConsentStore consents,
    ConsentDesk consentDesk,
    SignalIndex signals,
    EvaluationWorkflow evaluations,
    WorkflowSet workflows,
    AccessLogStore accessLog,
    Disclosures disclosures,
    SubjectKeyAliases aliases,
    TimeProvider clock,
    ILogger<HandOffRouter> logger)
{
    public async Task<RoutingResult> AcceptAsync(HubMessage message, AuthenticatedSender sender, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var contract = ContractCatalogue.NameOf(message.GetType());
        using var span = HubSpans.StartRouting(contract, message.MessageId);
        var fingerprint = HubJson.Fingerprint(message);
        var now = clock.GetUtcNow();

        var seen = await db.Inbox.AsNoTracking().FirstOrDefaultAsync(i => i.MessageId == message.MessageId, ct);
        if (seen is not null)
        {
            return seen.ContentHash == fingerprint && seen.Sender == sender.Organisation
                ? RoutingResult.AlreadyHandled(message.MessageId)
                : await RefuseReusedIdAsync(message, contract, sender, body, now, ct);
        }

        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        var work = new RoutingWork(db, disclosures, message, contract, now);
        var result = await DecideAsync(work, sender, body, ct);
        db.Inbox.Add(NewInboxEntry(message, contract, sender, fingerprint, result, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        HubSpans.Ended(span, result);
        return result with { Dispatches = work.Dispatches() };
    }

    /// <summary>
    /// Decides on a kept message again, as <see cref="AcceptAsync"/> does and in one transaction with claiming its quarantine
    /// entry and recording what the replay did. A message that took effect before (its inbox row says so) changes nothing;
    /// one that was returned or kept is decided afresh, the policy included: consent may have changed since. The inbox
    /// row is locked first, so a redelivery or a replay of another entry of the same message waits for this decision.
    /// </summary>
    public async Task<RoutingResult> ReplayAsync(HubMessage message, AuthenticatedSender sender, ReadOnlyMemory<byte> body, ReplayAttempt replay, CancellationToken ct)
    {
        var contract = ContractCatalogue.NameOf(message.GetType());
        var fingerprint = HubJson.Fingerprint(message);
        var now = clock.GetUtcNow();

        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        if (!await replay.ClaimAsync(db, now, ct))
        {
            return RoutingResult.AlreadyHandled(message.MessageId);
        }

        await db.LockRowAsync<InboxEntry>(message.MessageId, ct);
        var seen = await db.Inbox.FirstOrDefaultAsync(i => i.MessageId == message.MessageId, ct);
        var work = new RoutingWork(db, disclosures, message, contract, now) { Replay = replay };
        RoutingResult result;
        if (seen is null)
        {
            result = await DecideAsync(work, sender, body, ct);
            db.Inbox.Add(NewInboxEntry(message, contract, sender, fingerprint, result, now));
        }
        else if (seen.ContentHash != fingerprint || seen.Sender != sender.Organisation)
        {
            result = RefuseReusedId(work, sender.Organisation, body, replay.Salt(ReusedIdCausation(message)));
        }
        else if (seen.Outcome is InboxOutcome.Returned or InboxOutcome.Quarantined)
        {
            result = await DecideAsync(work, sender, body, ct);
            seen.Outcome = InboxOutcomeOf(result.Outcome);
        }
        else
        {
            result = RoutingResult.AlreadyHandled(message.MessageId);
        }

        await replay.RecordAsync(db, result, message.MessageId, now, ct);
        await db.SaveChangesAsync(ct);
        if (!replay.DryRun)
        {
            await tx.CommitAsync(ct);
        }

        return result with { Dispatches = work.Dispatches() };
    }

    private static InboxEntry NewInboxEntry(HubMessage message, string contract, AuthenticatedSender sender, string fingerprint, RoutingResult result, DateTimeOffset now) => new()
    {
        MessageId = message.MessageId,
        Contract = contract,
        Sender = sender.Organisation,
        ContentHash = fingerprint,
        Outcome = InboxOutcomeOf(result.Outcome),
        ReceivedAt = now,
    };

    private static InboxOutcome InboxOutcomeOf(RoutingOutcome outcome) => outcome switch
    {
        RoutingOutcome.Routed => InboxOutcome.Routed,
        RoutingOutcome.Settled => InboxOutcome.Acknowledgement,
        RoutingOutcome.Quarantined => InboxOutcome.Quarantined,
        RoutingOutcome.Registered => InboxOutcome.Registered,
        _ => InboxOutcome.Returned,
    };

    private async Task<RoutingResult> DecideAsync(RoutingWork work, AuthenticatedSender sender, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var message = work.Message;
        if (sender.Organisation is null || registry.Find(sender.Organisation) is not { } origin)
        {
            // Nobody to return it to: keep it for an operator, who sees the principal it came from.
            logger.LogWarning("Message {MessageId} ({Contract}) from unknown principal {Principal} quarantined", message.MessageId, work.Contract, sender.Principal);
            Quarantine(work, null, ReturnCode.UnknownSender, $"Broker user '{sender.Principal}' is not registered to an organisation.", body);
            return work.Result(RoutingOutcome.Quarantined, ReturnCode.UnknownSender);
        }

        if (AllowedSenders.Refusal(message.GetType(), origin.Type) is { } notAllowed)
        {
            return Reject(work, sender.Organisation, ReturnCode.MessageTypeNotAllowed, notAllowed, body);
        }

        if (MessageShape.FindProblem(message) is { } malformed)
        {
            return Reject(work, sender.Organisation, ReturnCode.MalformedMessage, "The message does not match its contract: " + malformed, body);
        }

        if (!string.Equals(message.SenderOrganisation, sender.Organisation, StringComparison.Ordinal))
        {
            return Reject(work, sender.Organisation, ReturnCode.SenderMismatch,
                $"The message names sender '{message.SenderOrganisation}' but arrived on the connection of '{sender.Organisation}'.", body);
        }

        return message switch
        {
            Acknowledgement ack => await SettleAsync(work, ack.AcknowledgedMessageId, HandOffState.Acknowledged, null, ct),
            DeletionConfirmed confirmed => await SettleAsync(work, confirmed.RequestMessageId, HandOffState.Acknowledged, null, ct),
            ReturnMessage ret when ret.ReturnedMessageId is { } returned => await SettleAsync(work, returned, HandOffState.Returned, ret.Code, ct),
            ReturnMessage => Reject(work, sender.Organisation, ReturnCode.MalformedMessage, "A return message must name the message it returns.", body),
            _ => await RouteAsync(work, body, ct),
        };
    }

    private async Task<RoutingResult> RouteAsync(RoutingWork work, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var message = work.Message;
        var problem = MessageRules.FindProblem(message, work.Now);
        if (problem is not null)
        {
            return Reject(work, message.SenderOrganisation, ReturnCode.DomainRuleViolated, problem, body);
        }

        // Before anything is registered: a message returned for an unknown recipient leaves no trace (no index entry, no match).
        var unknown = message.Recipients.Where(r => registry.Find(r) is null).ToArray();
        if (unknown.Length > 0)
        {
            return Reject(work, message.SenderOrganisation, ReturnCode.UnknownRecipient, $"Unknown recipient(s): {string.Join(", ", unknown)}.", body);
        }

        await aliases.NoteAsync(message.Subject, message.SenderOrganisation, ct); // after a key rotation: which earlier key is this person's

        // Probing the index costs nothing but tells who is involved: only organisations with a care task for children may.
        if (message is Signaal { Recipients.Count: 0 } && SignalIndex.IndexRefusal(registry.Find(message.SenderOrganisation)!.Type) is { } notIndexed)
        {
            return Reject(work, message.SenderOrganisation, ReturnCode.NoLegalBasis, notIndexed, body);
        }

        // Consent events, index-only signals, withdrawals and postponed evaluations are for the hub itself.
        if ((await consentDesk.HandleAsync(work, ct) ?? await signals.HandleAsync(work, ct) ?? await evaluations.HandleAsync(work, ct)) is { } forTheHub)
        {
            return forTheHub;
        }

        if (message.Recipients.Count == 0)
        {
            return Reject(work, message.SenderOrganisation, ReturnCode.UnknownRecipient, "The message names no recipient.", body);
        }

        foreach (var step in workflows.Routing)
        {
            switch (await step.CheckAsync(work, ct))
            {
                case StepVerdict.Refused refused:
                    return Reject(work, message.SenderOrganisation, refused.Code, refused.Reason, body);
                case StepVerdict.Answered answered:
                    return answered.Result;
            }
        }

        // One explainable decision per recipient; each recipient gets its own minimised copy.
        var consentLookup = await consents.SnapshotAsync(pseudonymizer.SubjectKeyCandidates(message.Subject, message.SenderOrganisation), ct);
        IReadOnlyList<RecipientOutcome> outcomes;
        using (var decision = HubSpans.StartPolicy(work.Contract))
        {
            outcomes = privacy.Evaluate(message, registry, consentLookup, work.Now);
            HubSpans.Decided(decision, outcomes);
        }

        await accessLog.AppendAsync(outcomes.Select(o => o.LogEntry), ct);
        ReturnCode? firstRefusal = null;
        string? firstReason = null;
        foreach (var outcome in outcomes)
        {
            var recipient = outcome.Decision.RecipientCode;
            if (outcome.Review is { } review)
            {
                db.PrivacyReviews.Add(review);
            }

            if (outcome.Copy is { } copy)
            {
                ledger.Record(work, message.MessageId, work.Contract, message.SenderOrganisation, recipient, DeadlineKind.Acknowledgement);
                work.Send(recipient, copy);
            }
            else
            {
                var code = outcome.Decision.ReturnCode ?? ReturnCode.NoLegalBasis;
                firstRefusal ??= code;
                firstReason ??= $"Not sent to {recipient}: {outcome.Decision.Reason}";
                work.Return(message.SenderOrganisation, code, $"Not sent to {recipient}: {outcome.Decision.Reason}",
                    basis: DeterministicGuid.Create(message.MessageId, "refused:" + recipient));
            }
        }

        if (outcomes.All(o => o.Copy is null))
        {
            return work.Result(RoutingOutcome.Returned, firstRefusal) with { Reason = firstReason };
        }

        // Only now, with at least one recipient reached, does the message change the workflows' state.
        foreach (var step in workflows.Routing)
        {
            await step.RecordAsync(work, ct);
        }

        return work.Result(RoutingOutcome.Routed, firstRefusal) with { Reason = firstReason };
    }

    /// <summary>An answer from a recipient closes its hand-off and is forwarded to whoever waits for it.</summary>
    private async Task<RoutingResult> SettleAsync(RoutingWork work, Guid settledMessageId, HandOffState state, ReturnCode? code, CancellationToken ct)
    {
        var settler = work.Message.SenderOrganisation;
        await db.LockRowAsync<HandOff>(HandOffLedger.HandOffId(settledMessageId, settler), ct); // two answers at once: the second finds it settled
        var handOff = await db.HandOffs.FirstOrDefaultAsync(h => h.MessageId == settledMessageId && h.Recipient == settler, ct);
        if (handOff is null)
        {
            work.Return(settler, ReturnCode.UnknownHandOff, $"No hand-off {settledMessageId} was addressed to '{settler}'.");
            return work.Result(RoutingOutcome.Returned, ReturnCode.UnknownHandOff);
        }

        if (handOff.State is HandOffState.Acknowledged or HandOffState.Returned)
        {
            return work.Result(RoutingOutcome.Settled); // settled before, by another message: nothing changes
        }

        handOff.State = state;
        if (state == HandOffState.Acknowledged)
        {
            handOff.AcknowledgedAt = work.Now;
            await signals.PickedUpAsync(work, handOff, ct);
        }
        else
        {
            handOff.ReturnedAt = work.Now;
            handOff.ReturnCode = code;
        }

        await db.Deadlines
            .Where(d => d.Reference == handOff.Id && d.FiredAt == null && d.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAt, work.Now), ct);
        // Filed under the person the hand-off was about, so the audit shows the answer with it.
        var about = await db.AccessLog.AsNoTracking()
            .Where(e => e.MessageId == handOff.MessageId && e.Recipient == settler && e.SubjectKey != null)
            .Select(e => e.SubjectKey)
            .FirstOrDefaultAsync(ct);
        work.Disclose(handOff.Sender, work.Message, Disclosure.ForwardedAnswer(about is null ? null : new SubjectKey(about), settler));
        return work.Result(RoutingOutcome.Settled);
    }

    private RoutingResult Reject(RoutingWork work, string returnTo, ReturnCode code, string reason, ReadOnlyMemory<byte> body)
    {
        logger.LogInformation("Message {MessageId} ({Contract}) from {Sender} returned: {Code}", work.Message.MessageId, work.Contract, returnTo, code);
        Quarantine(work, returnTo, code, reason, body);
        work.Return(returnTo, code, reason);
        return work.Result(RoutingOutcome.Returned, code) with { Reason = reason };
    }

    private async Task<RoutingResult> RefuseReusedIdAsync(HubMessage message, string contract, AuthenticatedSender sender, ReadOnlyMemory<byte> body, DateTimeOffset now, CancellationToken ct)
    {
        // Same id, other content or sender: not a redelivery. Keep it and tell the sender, once per distinct body.
        var work = new RoutingWork(db, disclosures, message, contract, now);
        var causation = ReusedIdCausation(message);
        if (await db.Outbox.AnyAsync(o => o.CausationId == causation, ct))
        {
            return RoutingResult.AlreadyHandled(causation);
        }

        var result = RefuseReusedId(work, sender.Organisation, body, causation);
        await db.SaveChangesAsync(ct);
        return result with { Dispatches = work.Dispatches() };
    }

    private static Guid ReusedIdCausation(HubMessage message) => DeterministicGuid.Create(message.MessageId, "reused:" + HubJson.Fingerprint(message));

    private RoutingResult RefuseReusedId(RoutingWork work, string? returnTo, ReadOnlyMemory<byte> body, Guid causation)
    {
        const string reason = "This message id was already used for another message.";
        Quarantine(work, returnTo, ReturnCode.Duplicate, reason, body);
        if (returnTo is not null)
        {
            var message = work.Message;
            work.Send(returnTo, HubMessages.Return(causation, message.MessageId, message.CorrelationId, work.Contract, returnTo, ReturnCode.Duplicate, reason, work.Now), causation);
        }

        return new RoutingResult(RoutingOutcome.Returned, causation, [], ReturnCode.Duplicate);
    }

    private void Quarantine(RoutingWork work, string? sender, ReturnCode code, string reason, ReadOnlyMemory<byte> body) =>
        db.Quarantine.Add(new QuarantineEntry
        {
            ReceivedAt = work.Now,
            Sender = sender,
            Contract = work.Contract,
            MessageId = work.Message.MessageId,
            CorrelationId = work.Message.CorrelationId,
            Code = code,
            Reason = reason,
            Body = body.ToArray(),
        });
}
