namespace NetworkHub.Core.Workflows;

/// <summary>
/// A date on which a case's plan is evaluated: set by an MDO's minutes or by a postponement (its id is that message's
/// id), and ended by the next minutes about the child, a closure or a postponement. At most one is open per child.
/// </summary>
public sealed class EvaluationRecord
{
    public required Guid Id { get; set; }
    public required Guid MdoId { get; set; }
    public required string SubjectKey { get; set; }

    /// <summary>The regisseur the minutes named: reminded when the date passes, and the only one who may postpone it.</summary>
    public required string RegisseurOrganisation { get; set; }
    public required DateOnly DueOn { get; set; }
    public required DateTimeOffset SetAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public EvaluationEnd? EndedBy { get; set; }
}

/// <summary>What ended an evaluation date: the evaluation happened, moved, or the case closed.</summary>
public enum EvaluationEnd
{
    NewMinutes = 1,
    Postponed = 2,
    CaseClosed = 3,
}
