using NetworkHub.Contracts.Topology;

namespace NetworkHub.LiveConsole.Access;

/// <summary>The roles a console user can have (one each).</summary>
public static class ConsoleRoles
{
    /// <summary>Watches message flows and acts on alerts.</summary>
    public const string Operator = "operator";

    /// <summary>Coordinates a family's care and convenes the MDO.</summary>
    public const string Regisseur = "regisseur";

    /// <summary>Reviews overrides and who received data about a person.</summary>
    public const string PrivacyOfficer = "privacy-officer";

    public static IReadOnlyList<string> All { get; } = [Operator, Regisseur, PrivacyOfficer];

    /// <summary>The organisation code of the hub's own operations team, which sees the whole network.</summary>
    public const string OperationsTeam = HubTopology.HubOrganisation;
}
