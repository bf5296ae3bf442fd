using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Persistence;

/// <summary>A partner organisation known to the hub, with the broker user it connects as.</summary>
public sealed class OrganisationRecord
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required OrganisationType Type { get; set; }

    /// <summary>The RabbitMQ user whose validated AMQP user-id identifies this organisation.</summary>
    public string? BrokerUser { get; set; }
}

/// <summary>
/// One row per message the hub has taken responsibility for, keyed by its message id. Written in the
/// same transaction as every state change it causes, so a redelivered message changes nothing twice.
/// </summary>
public sealed class InboxEntry
{
    public required Guid MessageId { get; set; }
    public required string Contract { get; set; }
    public string? Sender { get; set; }

    /// <summary>SHA-256 of the body: the same id with other content is a reused id, not a redelivery.</summary>
    public required string ContentHash { get; set; }
    public required InboxOutcome Outcome { get; set; }
    public required DateTimeOffset ReceivedAt { get; set; }
}

public enum InboxOutcome
{
    Routed = 1,
    Returned = 2,
    Quarantined = 3,
    Acknowledgement = 4,
    Registered = 5,
}

/// <summary>
/// A message the hub owes somebody: written with the state change, sent after commit, marked when the
/// broker confirmed it. A crash in between leaves the row pending, and it is sent again.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The message whose handling produced this one (for redelivery-driven re-dispatch).</summary>
    public required Guid CausationId { get; set; }

    /// <summary>Id carried on the wire; stable across re-dispatch so recipients can deduplicate.</summary>
    public required Guid MessageId { get; set; }

    /// <summary>An organisation code, or <see cref="OutboxDestinations.Events"/> for the operator feed.</summary>
    public required string Destination { get; set; }
    public required string Contract { get; set; }

    /// <summary>The serialised message; cleared once dispatched so personal data does not linger here.</summary>
    public string? Payload { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>
    /// The W3C traceparent of the span that wrote the row (or of the inbound message it answers): every send of the row,
    /// a resend after a crash too, continues that trace, so the recipient's receive is in the sender's trace.
    /// </summary>
    public string? TraceParent { get; set; }
}

public static class OutboxDestinations
{
    public const string Events = "#events";
}

/// <summary>The ledger: one row per message and recipient, traceable forever by message and correlation id.</summary>
public sealed class HandOff
{
    public required Guid Id { get; set; }
    public required Guid MessageId { get; set; }
    public required Guid CorrelationId { get; set; }
    public required string Sender { get; set; }
    public required string Recipient { get; set; }
    public required string Contract { get; set; }
    public required HandOffState State { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? AcknowledgementDueAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public ReturnCode? ReturnCode { get; set; }
    public DateTimeOffset? OverdueAt { get; set; }
}

public enum HandOffState
{
    Accepted = 1,
    Dispatched = 2,
    Acknowledged = 3,
    Returned = 4,
    Overdue = 5,
}

/// <summary>A durable timer: scanned by a hosted service, fired exactly once (guarded by <see cref="FiredAt"/>).</summary>
public sealed class Deadline
{
    public required Guid Id { get; set; }
    public required DeadlineKind Kind { get; set; }
    public required Guid Reference { get; set; }
    public required DateTimeOffset DueAt { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>A deadline of one kind for one thing; its id derives from both, so scheduling it twice is detectable.</summary>
    public static Deadline For(Guid reference, DeadlineKind kind, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        Id = DeterministicGuid.Create(reference, kind.ToString()),
        Kind = kind,
        Reference = reference,
        DueAt = dueAt.ToUniversalTime(),
        CreatedAt = now,
    };

    /// <summary>This deadline again, later: a watch that found its case moved starts over from the last step.</summary>
    public Deadline Later(DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        Id = DeterministicGuid.Create(Id, "later"),
        Kind = Kind,
        Reference = Reference,
        DueAt = dueAt.ToUniversalTime(),
        CreatedAt = now,
    };
}

public enum DeadlineKind
{
    /// <summary>A recipient must acknowledge or return a hand-off.</summary>
    Acknowledgement = 1,

    /// <summary>An earlier recipient must confirm it deleted data after consent was withdrawn.</summary>
    DeletionConfirmation = 2,

    /// <summary>The receiver of a warm hand-over must accept or decline it (then a reminder).</summary>
    HandOverAcceptance = 3,

    /// <summary>Still no answer after the reminder: escalate to the sender and the operators.</summary>
    HandOverEscalation = 4,

    /// <summary>After accepting, the receiver must confirm first contact with the family (or it goes back).</summary>
    FirstContact = 5,

    /// <summary>After a match, someone must take regie (or the family is flagged).</summary>
    RegieAssignment = 6,

    /// <summary>A day before an MDO's RSVP deadline: remind invitees who have not answered.</summary>
    MdoRsvpReminder = 7,

    /// <summary>An escalation's own answer date (set by the escalating organisation).</summary>
    EscalationAnswer = 8,

    /// <summary>The evaluation date an MDO agreed has passed: remind the regisseur.</summary>
    EvaluationDue = 9,

    /// <summary>Still no evaluation after the grace: the operators get a stale-case alert.</summary>
    EvaluationStale = 10,

    /// <summary>An accepted warm hand-over must be completed within its threshold (or the operators are alerted).</summary>
    HandOverCompletion = 11,

    /// <summary>A child with open safety concerns must see a step within its threshold (or the operators are alerted).</summary>
    SafetyConcernUnattended = 12,
}

/// <summary>Input the hub could not accept, kept as received so an operator can inspect and replay it.</summary>
public sealed class QuarantineEntry
{
    public long Id { get; set; }
    public required DateTimeOffset ReceivedAt { get; set; }
    public string? Sender { get; set; }
    public string? Contract { get; set; }
    public Guid? MessageId { get; set; }

    /// <summary>The case the message belongs to, where its body names one: operators select replays by it.</summary>
    public Guid? CorrelationId { get; set; }

    public required ReturnCode Code { get; set; }
    public required string Reason { get; set; }
    public required byte[] Body { get; set; }

    /// <summary>When a replay took this entry on; set once, in the replay's own transaction, so an entry is replayed once.</summary>
    public DateTimeOffset? ReplayedAt { get; set; }

    /// <summary>Who replayed it (a console user or the name given to the operator tool).</summary>
    public string? ReplayedBy { get; set; }

    public QuarantineReplayOutcome? ReplayOutcome { get; set; }

    /// <summary>The code the replay was returned or kept with again, if it was.</summary>
    public ReturnCode? ReplayCode { get; set; }
}

/// <summary>What replaying kept input did.</summary>
public enum QuarantineReplayOutcome
{
    /// <summary>Routed to at least one recipient.</summary>
    Routed = 1,

    /// <summary>An answer (acknowledgement, return) settled its hand-off.</summary>
    Settled = 2,

    /// <summary>A message for the hub itself (a consent event, an index signal) was registered.</summary>
    Registered = 3,

    /// <summary>Refused again: returned to its sender with <see cref="QuarantineEntry.ReplayCode"/> and kept as a new entry.</summary>
    Returned = 4,

    /// <summary>Unreadable or failed again: kept as a new entry, its sender told.</summary>
    Quarantined = 5,

    /// <summary>The message took effect before (an earlier replay or a redelivery): nothing was done again.</summary>
    AlreadyHandled = 6,
}

/// <summary>
/// One key of the console's sign-in cookies (ASP.NET Core Data Protection's XML), kept in the hub's database so that
/// every hub instance reads the cookies every other instance issued.
/// </summary>
public sealed class ConsoleKeyRow
{
    public int Id { get; set; }
    public required string Xml { get; set; }
}
