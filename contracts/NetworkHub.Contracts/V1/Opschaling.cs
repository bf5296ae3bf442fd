namespace NetworkHub.Contracts.V1;

/// <summary>
/// An escalation: a melding to Veilig Thuis, a request to the Raad, a call on a procesmanager or on a
/// provider's management. It has an owner, a reason and an answer deadline, so it cannot bounce or hang
/// unseen.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record Opschaling : HubMessage
{
    [NoPersonalData]
    public required OpschalingTarget Target { get; init; }

    [Section(SectionKind.Reason)]
    public required OpschalingReason ReasonCode { get; init; }

    /// <summary>The reason in words.</summary>
    [Section(SectionKind.Reason)]
    public required string Reason { get; init; }

    /// <summary>Organisation code of whoever follows the escalation up until it is answered.</summary>
    [NoPersonalData]
    public required string Owner { get; init; }

    [NoPersonalData]
    public required DateTimeOffset AnswerBefore { get; init; }

    /// <summary>Required towards the Raad, which returns requests whose dossier is too thin.</summary>
    [Section(SectionKind.Safety)]
    public Veiligheidsinschatting? Veiligheidsinschatting { get; init; }

    /// <summary>The current family plan (for example the MDO id of its minutes); required towards the Raad.</summary>
    [NoPersonalData]
    public string? PlanReference { get; init; }
}

public enum OpschalingTarget
{
    VeiligThuis = 1,

    /// <summary>Raad voor de Kinderbescherming: a request to investigate (verzoek tot onderzoek).</summary>
    Raad = 2,

    Procesmanager = 3,
    ProviderManagement = 4,
}

public enum OpschalingReason
{
    /// <summary>The child is (or may be) unsafe.</summary>
    SafetyConcern = 1,

    /// <summary>The family refuses help while there are worries.</summary>
    HelpRefused = 2,

    /// <summary>The plan does not progress or the case hangs.</summary>
    NoProgress = 3,

    /// <summary>Care that is needed is not delivered or not available in time.</summary>
    CareNotAvailable = 4,

    /// <summary>Partners do not agree, for example on who holds regie.</summary>
    Disagreement = 5,

    Other = 99,
}
