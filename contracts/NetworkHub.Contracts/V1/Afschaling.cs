using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>
/// De-escalation: a case moves back down, to the wijkteam or to basic services. When the family still
/// has to be reached, a <see cref="WarmeOverdrachtOffered"/> carries the case; this message records the
/// decision and closes any escalation it answers.
/// </summary>
[SentBy(Wijkteam, VeiligThuis, GecertificeerdeInstelling, RaadVoorDeKinderbescherming, Jeugdhulpaanbieder, Procesmanager)]
public sealed record Afschaling : HubMessage
{
    /// <summary>The <see cref="Opschaling"/> this answers, if the case came up through one.</summary>
    [NoPersonalData]
    public Guid? OpschalingMessageId { get; init; }

    /// <summary>Organisation code that takes the case on.</summary>
    [NoPersonalData]
    public required string ReceivingOrganisation { get; init; }

    [Section(SectionKind.Reason)]
    public required string Reason { get; init; }
}
