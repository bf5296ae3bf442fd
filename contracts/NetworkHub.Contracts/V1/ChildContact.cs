namespace NetworkHub.Contracts.V1;

/// <summary>
/// Whether a child was spoken to for a safety assessment. Inspectors found children were often not
/// spoken to at all; recording it per child, with the reason when not, makes that visible.
/// </summary>
public sealed record ChildContact
{
    public required SubjectReference Child { get; init; }

    [NoPersonalData]
    public required bool SpokenTo { get; init; }

    /// <summary>Spoken to without the parents present.</summary>
    [NoPersonalData]
    public bool SpokenToAlone { get; init; }

    /// <summary>Why the child was not spoken to (alone); required when <see cref="SpokenTo"/> is false.</summary>
    [Section(SectionKind.Safety)]
    public string? ReasonNotSpokenTo { get; init; }
}
