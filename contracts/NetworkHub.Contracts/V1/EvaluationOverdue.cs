namespace NetworkHub.Contracts.V1;

/// <summary>
/// The evaluation date agreed in an MDO passed without a new evaluation (new minutes, a closure or a postponement):
/// the hub reminds the regisseur's organisation. References only; the <see cref="HubMessage.CorrelationId"/> is the
/// MDO id. Inspections found plans nobody evaluated and cases that hung for months.
/// </summary>
[SentBy(Hub = true)]
public sealed record EvaluationOverdue : HubMessage
{
    /// <summary>The MDO whose minutes (or whose postponement) set the date.</summary>
    [NoPersonalData]
    public required Guid MdoId { get; init; }

    /// <summary>The evaluation date that passed.</summary>
    [NoPersonalData]
    public required DateOnly EvaluationDueOn { get; init; }
}
