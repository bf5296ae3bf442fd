using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Workflows;

/// <summary>What a workflow says about a message before it is routed, when it does not simply let it go on.</summary>
public abstract record StepVerdict
{
    /// <summary>The step does not follow the workflow's state: returned to the sender with this code, and the message kept.</summary>
    public sealed record Refused(ReturnCode Code, string Reason) : StepVerdict;

    /// <summary>The workflow answered the message itself (a regie conflict): it goes no further.</summary>
    public sealed record Answered(RoutingResult Result) : StepVerdict;

    /// <summary>A refusal for a broken domain rule, or null when there is no problem.</summary>
    public static StepVerdict? RuleViolated(string? problem) => problem is null ? null : new Refused(ReturnCode.DomainRuleViolated, problem);
}

/// <summary>
/// One workflow's part in routing a message. <see cref="CheckAsync"/> runs before the privacy decision and may lock
/// what the message is about, but writes nothing; <see cref="RecordAsync"/> runs after it, in the same transaction,
/// only when the message reached at least one recipient. So a refused message leaves no effect behind.
/// </summary>
public interface IRoutingStep
{
    Task<StepVerdict?> CheckAsync(RoutingWork work, CancellationToken ct);

    Task RecordAsync(RoutingWork work, CancellationToken ct);
}

/// <summary>One workflow's deadlines: what each is about, and what happens when it passes unanswered.</summary>
public interface IDeadlineStep
{
    bool Fires(DeadlineKind kind);

    /// <summary>Locks what the deadline is about, as routing locks it before changing it, so the two take turns.</summary>
    Task LockAsync(Deadline deadline, CancellationToken ct);

    /// <summary>The deadline passed; it was claimed in the caller's transaction, so this runs once.</summary>
    Task FireAsync(Deadline deadline, DateTimeOffset now, OutboxBatch outbox, CancellationToken ct);
}

/// <summary>
/// The hub's workflows, named once: the router checks and records a message through <see cref="Routing"/> in this
/// order, and the deadline processor finds the owner of each deadline in <see cref="Deadlines"/>.
/// </summary>
public sealed class WorkflowSet(HandOffLedger ledger, SignalIndex signals, HandOverWorkflow handOvers, RegieWorkflow regie, CaseClosure closures,
    EscalationWorkflow escalations, MdoWorkflow mdos, EvaluationWorkflow evaluations, SafetyConcernWatch safetyConcerns)
{
    public IReadOnlyList<IRoutingStep> Routing { get; } = [signals, handOvers, regie, closures, escalations, mdos, evaluations];

    public IReadOnlyList<IDeadlineStep> Deadlines { get; } = [ledger, signals, handOvers, escalations, mdos, evaluations, safetyConcerns];

    public IDeadlineStep OwnerOf(DeadlineKind kind) =>
        Deadlines.FirstOrDefault(d => d.Fires(kind)) ?? throw new InvalidOperationException($"No workflow fires deadlines of kind {kind}.");
}
