using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Every message the hub itself originates, built here and nowhere else, so each carries the hub's header: sent by
/// the hub, for coordination (references only, no basis of its own), dated by the hub's clock, and with an id derived
/// from what caused it, so that a message re-sent after a crash deduplicates at the partner.
/// </summary>
public static class HubMessages
{
    /// <summary>
    /// A return to the sender. Its id derives from <paramref name="basis"/> (the returned message's id, or a
    /// fingerprint of unreadable input), so a return re-sent after a crash deduplicates at the partner.
    /// </summary>
    public static ReturnMessage Return(Guid basis, Guid? returnedId, Guid correlationId, string? contract, string to, ReturnCode code, string reason, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(basis, "return"),
        CorrelationId = correlationId,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [to],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        ReturnedMessageId = returnedId,
        ReturnedContract = contract,
        ReturnedBy = HubTopology.HubOrganisation,
        Code = code,
        Reason = reason,
    };

    /// <summary>
    /// An answer <paramref name="waitingFor"/> is overdue: written to the organisation that waits for it (it must notice,
    /// iJw) and to the operators' feed, once per deadline.
    /// </summary>
    public static void AlertOverdue(OutboxBatch outbox, Deadline deadline, string tag, Guid correlationId, string waiting, Guid waitingFor,
        string from, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var alert = new AcknowledgementOverdue
        {
            MessageId = DeterministicGuid.Create(deadline.Id, tag),
            CorrelationId = correlationId,
            SenderOrganisation = HubTopology.HubOrganisation,
            Recipients = [waiting],
            Purpose = Purpose.Coordination,
            CreatedAt = now,
            OverdueMessageId = waitingFor,
            Recipient = from,
            DueAt = dueAt,
        };
        outbox.Add(alert, waiting, deadline.Id);
        outbox.Add(alert, OutboxDestinations.Events, deadline.Id);
    }

    /// <summary>The hub confirms it took on a message addressed to the hub itself.</summary>
    public static Acknowledgement Acknowledgement(HubMessage message, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(message.MessageId, "hub:ack"),
        CorrelationId = message.CorrelationId,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [message.SenderOrganisation],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        AcknowledgedMessageId = message.MessageId,
        AcknowledgedBy = HubTopology.HubOrganisation,
    };

    /// <summary>The receiver has not accepted an offered hand-over in time: a reminder.</summary>
    public static WarmeOverdrachtReminder HandOverReminder(Deadline deadline, HandOverRecord handOver, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(deadline.Id, "reminder"),
        CorrelationId = handOver.Id,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [handOver.Receiver],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        Stage = HandOverStage.Acceptance,
        DueAt = deadline.DueAt,
    };

    /// <summary>Still not accepted after the reminder: the sender (and the operators) are told.</summary>
    public static WarmeOverdrachtEscalated HandOverEscalated(Deadline deadline, HandOverRecord handOver, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(deadline.Id, "escalated"),
        CorrelationId = handOver.Id,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [handOver.Sender],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        Receiver = handOver.Receiver,
        Stage = HandOverStage.Acceptance,
        OverdueSince = handOver.RemindedAt ?? deadline.DueAt,
    };

    /// <summary>No first contact in time: the hand-over goes back to its sender (the Almelo rule).</summary>
    public static WarmeOverdrachtReturned HandOverReturned(Deadline deadline, HandOverRecord handOver, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(deadline.Id, "returned"),
        CorrelationId = handOver.Id,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [handOver.Sender, handOver.Receiver],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        Reason = HandOverReturnReason.NoContactInTime,
        Explanation = $"No first contact with the family was confirmed before {deadline.DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; the hand-over goes back to {handOver.Sender}.",
    };

    /// <summary>An invitee has not answered an MDO invitation by the day before its RSVP deadline.</summary>
    public static MdoReminder MdoReminder(Deadline deadline, MdoRecord mdo, string invitee, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(deadline.Id, "reminder:" + invitee),
        CorrelationId = mdo.Id,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [invitee],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        MdoId = mdo.Id,
        Kind = MdoReminderKind.AnswerOutstanding,
        RsvpDeadline = mdo.RsvpDeadline,
    };

    /// <summary>Nobody took regie over a matched family in time: the involved organisations and the operators are told.</summary>
    public static RegieMissing RegieMissing(Deadline deadline, MatchRecord match, IReadOnlyList<string> involved, DateTimeOffset now) => new()
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

    /// <summary>An MDO's evaluation date passed without a new evaluation: the regisseur's organisation is reminded.</summary>
    public static EvaluationOverdue EvaluationOverdue(Deadline deadline, EvaluationRecord evaluation, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(deadline.Id, "evaluation-overdue"),
        CorrelationId = evaluation.MdoId,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [evaluation.RegisseurOrganisation],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        MdoId = evaluation.MdoId,
        EvaluationDueOn = evaluation.DueOn,
    };

    /// <summary>A case hangs: for the operators' feed, naming the organisations that hold it and its reference only.</summary>
    public static CaseStale CaseStale(Deadline deadline, StaleCaseKind kind, Guid caseReference, IEnumerable<string> involved, DateTimeOffset quietSince,
        DateTimeOffset now)
    {
        string[] organisations = [.. involved.Distinct().Order(StringComparer.Ordinal)];
        return new()
        {
            MessageId = DeterministicGuid.Create(deadline.Id, "stale"),
            CorrelationId = caseReference,
            SenderOrganisation = HubTopology.HubOrganisation,
            Recipients = organisations,
            Purpose = Purpose.Coordination,
            CreatedAt = now,
            Kind = kind,
            CaseReference = caseReference,
            InvolvedOrganisations = organisations,
            QuietSince = quietSince,
        };
    }

    /// <summary>Terugkoppeling: the status of a reporter's own signal, caused by <paramref name="cause"/>.</summary>
    public static Terugkoppeling Feedback(HubMessage cause, SignalRecord signal, TerugkoppelingStatus status, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(cause.MessageId, $"feedback:{signal.Id}"),
        CorrelationId = signal.Id,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [signal.Sender],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        ReportMessageId = signal.Id,
        Status = status,
    };

    /// <summary>
    /// A match in the index for one involved organisation (<paramref name="recipient"/>), or for the operators when
    /// <paramref name="recipient"/> is <see cref="OutboxDestinations.Events"/>: then addressed to all involved, with
    /// only the matched person's role.
    /// </summary>
    public static MatchNotification Match(HubMessage cause, Guid matchId, string recipient, SubjectReference? own, IReadOnlyList<string> involved,
        SubjectReference matched, string? regisseur, DateTimeOffset now)
    {
        var forOperators = recipient == OutboxDestinations.Events;
        return new()
        {
            MessageId = DeterministicGuid.Create(cause.MessageId, $"match:{matchId}:{(forOperators ? "events" : recipient)}"),
            CorrelationId = matchId,
            SenderOrganisation = HubTopology.HubOrganisation,
            Recipients = forOperators ? involved : [recipient],
            Subject = own,
            Purpose = Purpose.Coordination,
            CreatedAt = now,
            MatchId = matchId,
            InvolvedOrganisations = forOperators ? involved : [.. involved.Where(o => o != recipient)],
            MatchedSubject = matched,
            RegisseurOrganisation = regisseur,
        };
    }

    /// <summary>A second regie claim for a person who already has a regisseur of another organisation.</summary>
    public static RegieConflict RegieConflict(RegieAssigned claim, RegieRecord existing, DateTimeOffset now) => new()
    {
        MessageId = DeterministicGuid.Create(claim.MessageId, "conflict"),
        CorrelationId = claim.CorrelationId,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [.. new[] { claim.SenderOrganisation, existing.ClaimedBy, existing.RegisseurOrganisation }.Distinct()],
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        ExistingClaim = new RegieClaim
        {
            ClaimMessageId = existing.Id,
            Scope = existing.Scope,
            RegisseurOrganisation = existing.RegisseurOrganisation,
            RegisseurDisplayName = existing.RegisseurDisplayName,
            ClaimedAt = existing.ClaimedAt,
        },
        NewClaim = new RegieClaim
        {
            ClaimMessageId = claim.MessageId,
            Scope = claim.Scope,
            RegisseurOrganisation = claim.RegisseurOrganisation,
            RegisseurDisplayName = claim.RegisseurDisplayName,
            ClaimedAt = now,
        },
    };

    /// <summary>
    /// Consent was withdrawn: <paramref name="recipient"/>, which received data under it, is asked to delete. The
    /// recorder's consent id stays with the recorder: recipients never saw it.
    /// </summary>
    public static DeletionRequested DeletionRequest(Guid requestId, ConsentWithdrawn withdrawal, string recipient, SubjectReference? subject,
        DateTimeOffset answerBefore, DateTimeOffset now) => new()
    {
        MessageId = requestId,
        CorrelationId = withdrawal.CorrelationId,
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [recipient],
        Subject = subject,
        Purpose = Purpose.Coordination,
        CreatedAt = now,
        RequestedBy = withdrawal.WithdrawnBy,
        Scope = withdrawal.Scope,
        ConsentId = null,
        AnswerBefore = DateOnly.FromDateTime(answerBefore.UtcDateTime),
    };
}
