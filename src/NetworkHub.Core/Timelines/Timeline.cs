using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Timelines;

/// <summary>What a timeline is traced by.</summary>
public enum TimelineKind
{
    /// <summary>One message and its hand-off to each recipient (the message id).</summary>
    Message = 1,

    /// <summary>Everything under one correlation id, or the reference the hub traces a case by (a hand-over, a signal, a match).</summary>
    Case = 2,

    /// <summary>One multidisciplinair overleg (the MDO id): invitation, answers, reminders, minutes, evaluation dates.</summary>
    Mdo = 3,
}

public sealed record TimelineKey(TimelineKind Kind, Guid Id);

/// <summary>
/// One step in the life of a hand-off, case or MDO, as the hub recorded it. Organisation codes, contract names, ids,
/// codes and the policy's reasons only: never personal data; a consent reference (a partner's own id) comes masked.
/// <see cref="Parties"/> are the organisations the step concerns (sender and recipient): an organisation's users see
/// the steps it is a party to.
/// </summary>
public sealed record TimelineStep(DateTimeOffset At, TimelineStepKind Kind, string Summary, IReadOnlyList<string> Parties)
{
    public Guid? MessageId { get; init; }
    public string? Contract { get; init; }
    public ReturnCode? Code { get; init; }

    /// <summary>The policy decision's rule, basis and purpose, and whether consent (masked) carried it.</summary>
    public string? Rule { get; init; }
    public Grondslag? Basis { get; init; }
    public Purpose? Purpose { get; init; }
    public string? Consent { get; init; }

    /// <summary>Why: the policy's reason, an alert's summary, what a console user did.</summary>
    public string? Detail { get; init; }

    /// <summary>The alert a step is about (raised, picked up, resolved).</summary>
    public long? AlertId { get; init; }

    /// <summary>Who acted, for a console action.</summary>
    public string? Actor { get; init; }

    /// <summary>A step that has not happened yet: a deadline still pending.</summary>
    public bool Pending { get; init; }
}

public enum TimelineStepKind
{
    Received = 1,
    Decision = 2,
    Routed = 3,
    Dispatched = 4,
    Acknowledged = 5,
    Returned = 6,
    Overdue = 7,
    Quarantined = 8,
    HubMessage = 9,
    Deadline = 10,
    Alert = 11,
    ConsoleAction = 12,
    Mdo = 13,
}

/// <summary>A timeline: its key (a case that is an MDO comes back as an MDO), its steps in time order, and every organisation party to one.</summary>
public sealed record Timeline(TimelineKey Key, IReadOnlyList<TimelineStep> Steps)
{
    public IReadOnlyList<string> Parties => [.. Steps.SelectMany(s => s.Parties).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The steps an organisation is a party to.</summary>
    public Timeline For(string organisation) => this with { Steps = [.. Steps.Where(s => s.Parties.Contains(organisation))] };
}
