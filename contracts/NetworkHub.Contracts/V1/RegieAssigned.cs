using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>
/// One regisseur is assigned for a family, or for one child within it (a gezinsvoogd holds regie over a
/// child under a court order while the wijkteam keeps the rest). Partners acknowledge it, so that regie
/// is never "iedereen verantwoordelijk, niemand verantwoordelijk".
/// </summary>
[SentBy(Wijkteam, GecertificeerdeInstelling, Procesmanager)]
public sealed record RegieAssigned : HubMessage
{
    /// <summary>What the regie covers; <see cref="HubMessage.Subject"/> names the family or the child.</summary>
    [NoPersonalData]
    public required RegieScope Scope { get; init; }

    [NoPersonalData]
    public required string RegisseurOrganisation { get; init; }

    /// <summary>Name or function of the regisseur as partners should address them.</summary>
    [NoPersonalData]
    public string? RegisseurDisplayName { get; init; }
}

public enum RegieScope
{
    Family = 1,
    Child = 2,
}
