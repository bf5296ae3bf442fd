using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>
/// The organisation an escalation went to answers it, by the escalation's <see cref="Opschaling.AnswerBefore"/>.
/// Escalations that are not answered in time are flagged to the escalating organisation and the operators.
/// </summary>
[SentBy(VeiligThuis, RaadVoorDeKinderbescherming, Procesmanager, Jeugdhulpaanbieder, GecertificeerdeInstelling, Wijkteam)]
public sealed record OpschalingAnswered : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the escalation answered.</summary>
    [NoPersonalData]
    public required Guid OpschalingMessageId { get; init; }

    [NoPersonalData]
    public required OpschalingDecision Decision { get; init; }

    /// <summary>A few words on the decision; never personal data.</summary>
    [NoPersonalData]
    public string? Explanation { get; init; }
}

public enum OpschalingDecision
{
    /// <summary>The escalation is taken up (an investigation, a melding, a procesmanager takes the case).</summary>
    TakenUp = 1,

    /// <summary>Not taken up; the explanation says why and what the escalating organisation can do.</summary>
    NotTakenUp = 2,
}
