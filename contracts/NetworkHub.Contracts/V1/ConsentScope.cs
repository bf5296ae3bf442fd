namespace NetworkHub.Contracts.V1;

/// <summary>
/// What a consent covers: one purpose, towards named organisations and/or every organisation of a type.
/// Consent is given per purpose, never as a blanket.
/// </summary>
public sealed record ConsentScope
{
    [NoPersonalData]
    public required Purpose Purpose { get; init; }

    /// <summary>Organisation codes covered by name.</summary>
    [NoPersonalData]
    public IReadOnlyList<string> Organisations { get; init; } = [];

    /// <summary>Organisation types covered as a whole (for example every school the child attends).</summary>
    [NoPersonalData]
    public IReadOnlyList<OrganisationType> OrganisationTypes { get; init; } = [];
}

/// <summary>Who gives, refuses or withdraws consent.</summary>
public enum GrantorRole
{
    Parent = 1,

    /// <summary>A guardian (voogd) who is not a parent.</summary>
    Guardian = 2,

    /// <summary>The young person: together with the parents from 12, alone from 16.</summary>
    YoungPerson = 3,

    /// <summary>An adult subject (for instance a parent) deciding about their own data.</summary>
    AdultSelf = 4,
}
