namespace NetworkHub.Contracts.V1;

/// <summary>
/// A case hangs: nothing happened within the configured number of working days where something should have. Sent by
/// the hub to the operators' feed and kept as an alert; organisation codes and references only, never the child.
/// The <see cref="HubMessage.CorrelationId"/> is <see cref="CaseReference"/>.
/// </summary>
[SentBy(Hub = true)]
public sealed record CaseStale : HubMessage
{
    [NoPersonalData]
    public required StaleCaseKind Kind { get; init; }

    /// <summary>What the case is traced by: the MDO, the warm hand-over, or the signal or hand-over that raised the safety concern.</summary>
    [NoPersonalData]
    public required Guid CaseReference { get; init; }

    /// <summary>Organisation codes that hold the case: the regisseur, the hand-over's sender and receiver, those who raised the concern.</summary>
    [NoPersonalData]
    public required IReadOnlyList<string> InvolvedOrganisations { get; init; }

    /// <summary>Since when nothing happened: the evaluation date, the acceptance, the last step about the child.</summary>
    [NoPersonalData]
    public required DateTimeOffset QuietSince { get; init; }
}

public enum StaleCaseKind
{
    /// <summary>The evaluation date passed, the regisseur was reminded, and the grace passed too.</summary>
    EvaluationOverdue = 1,

    /// <summary>A warm hand-over was accepted and not completed in time.</summary>
    HandOverNotCompleted = 2,

    /// <summary>Safety concerns about a child are open (no escalation decision) and no step about the child was taken.</summary>
    SafetyConcernUnattended = 3,
}
