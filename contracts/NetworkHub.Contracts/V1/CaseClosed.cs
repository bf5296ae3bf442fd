using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>
/// The regisseur closes the case for a child or family and tells the partners. Closure needs a reason; while
/// safety concerns are open the hub refuses it until an escalation decision (opschaling or afschaling) is
/// recorded — the inspections found cases closed on refusal of help despite worries.
/// </summary>
[SentBy(Wijkteam, GecertificeerdeInstelling, Procesmanager)]
public sealed record CaseClosed : HubMessage
{
    /// <summary>Why the case closes, in a few words; never personal data.</summary>
    [NoPersonalData]
    public required string Reason { get; init; }
}
