namespace NetworkHub.Contracts.V1;

/// <summary>
/// Who may send a contract: partner organisations of the types named (or of any type), and whether the hub itself
/// originates it. A contract that names no partner is the hub's alone; a partner that sends it, or a partner of a
/// type not named, gets it back with <see cref="ReturnCode.MessageTypeNotAllowed"/> (NH006).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SentByAttribute(params OrganisationType[] partners) : Attribute
{
    public IReadOnlyList<OrganisationType> Partners { get; } = partners;

    /// <summary>Every partner may send it, whatever its type.</summary>
    public bool AnyPartner { get; set; }

    /// <summary>The hub originates it too; with no partner named, only the hub does.</summary>
    public bool Hub { get; set; }

    public bool HubOnly => Hub && !AnyPartner && Partners.Count == 0;

    public bool Allows(OrganisationType sender) => AnyPartner || Partners.Contains(sender);
}
