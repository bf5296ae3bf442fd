namespace NetworkHub.Contracts.V1;

/// <summary>
/// The metadata every message through the hub carries. The namespace (and so "V1") is part of the
/// wire identity: a published type is never moved or renamed, a breaking change gets a V2 type.
/// </summary>
public abstract record HubMessage
{
    /// <summary>Stable id of this message; the hub and every partner deduplicate on it.</summary>
    [NoPersonalData]
    public required Guid MessageId { get; init; }

    /// <summary>The case or hand-off this message belongs to; traceable forever.</summary>
    [NoPersonalData]
    public required Guid CorrelationId { get; init; }

    /// <summary>Organisation code of the sender. The hub checks it against the authenticated connection.</summary>
    [NoPersonalData]
    public required string SenderOrganisation { get; init; }

    /// <summary>Organisation codes this message is addressed to.</summary>
    [NoPersonalData]
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>Who the message is about. Never a bare BSN towards a party not entitled to it.</summary>
    public SubjectReference? Subject { get; init; }

    /// <summary>Why the data is shared (purpose binding).</summary>
    [NoPersonalData]
    public required Purpose Purpose { get; init; }

    /// <summary>The legal basis, required where personal data is included.</summary>
    [NoPersonalData]
    public Grondslag? LegalBasis { get; init; }

    /// <summary>Reference into the consent register when the basis is <see cref="Grondslag.Toestemming"/>.</summary>
    [NoPersonalData]
    public string? ConsentReference { get; init; }

    /// <summary>Meldcode step and justification when sharing without consent ("break the glass"); otherwise absent.</summary>
    public MeldcodeOverride? Override { get; init; }

    /// <summary>When the sender created the message (its own clock, with the UTC offset).</summary>
    [NoPersonalData]
    public required DateTimeOffset CreatedAt { get; init; }
}
