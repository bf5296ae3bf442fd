namespace NetworkHub.Contracts.V1;

/// <summary>
/// Who a message is about. The sender may supply the BSN; the hub replaces it with a stable
/// per-recipient pseudonym for every recipient that is not entitled to the BSN.
/// </summary>
public sealed record SubjectReference
{
    [NoPersonalData]
    public required SubjectRole Role { get; init; }

    [Section(SectionKind.Identification)]
    public string? Bsn { get; init; }

    /// <summary>Keyed, per-recipient pseudonym set by the hub.</summary>
    [NoPersonalData]
    public string? Pseudonym { get; init; }

    /// <summary>The sender's own reference for this person or family (its case number).</summary>
    [NoPersonalData]
    public string? SenderReference { get; init; }

    /// <summary>Links children and parents of one family (a reference, not a name).</summary>
    [NoPersonalData]
    public string? FamilyReference { get; init; }

    /// <summary>Needed for age rules (consent from 12 and 16, the young person's own MDO invitation).</summary>
    [Section(SectionKind.Identification)]
    public DateOnly? BirthDate { get; init; }

    /// <summary>Postal address; never leaves the hub for a shielded (afgeschermd) subject.</summary>
    [Section(SectionKind.Address)]
    public string? Address { get; init; }

    /// <summary>The subject has a shielded address (afgeschermd adres).</summary>
    [NoPersonalData]
    public bool Shielded { get; init; }
}

public enum SubjectRole
{
    Child = 1,
    Parent = 2,
    Family = 3,
}
