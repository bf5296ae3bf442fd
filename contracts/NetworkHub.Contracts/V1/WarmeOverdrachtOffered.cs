namespace NetworkHub.Contracts.V1;

/// <summary>
/// One organisation offers a case to another with its context: a warm hand-over. Its
/// <see cref="HubMessage.CorrelationId"/> is the hand-over id, carried by every later message of the
/// hand-over and traceable forever (inspectors could not trace Veilig Thuis hand-overs at all).
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record WarmeOverdrachtOffered : HubMessage
{
    /// <summary>The original reason the case exists; travels unchanged with every later hand-over.</summary>
    [Section(SectionKind.Reason)]
    public required string Aanleiding { get; init; }

    /// <summary>
    /// Organisation where the case started, which may not be the sender (a wijkteam passing on a case
    /// that Veilig Thuis handed down). Travels unchanged, so a VT case is never mistaken for a voluntary one.
    /// </summary>
    [Section(SectionKind.Reason)]
    public required string OriginOrganisation { get; init; }

    [Section(SectionKind.Reason)]
    public required OrganisationType OriginType { get; init; }

    /// <summary>
    /// The safety assessment. Required whenever the case concerns children, whatever the origin; the hub
    /// rejects such a hand-over without it. Nullable only because the hub drops it for recipients not
    /// entitled to the safety section.
    /// </summary>
    [Section(SectionKind.Safety)]
    public Veiligheidsinschatting? Veiligheidsinschatting { get; init; }

    /// <summary>Minimum safety conditions the receiver must monitor; required when the origin is Veilig Thuis.</summary>
    [Section(SectionKind.Safety)]
    public IReadOnlyList<string> Bodemeisen { get; init; } = [];

    /// <summary>Organisation code of the regisseur once the hand-over completes.</summary>
    [NoPersonalData]
    public required string RegieAfterwards { get; init; }

    /// <summary>Accept or decline before this time; the hub applies the agreed default when absent.</summary>
    [NoPersonalData]
    public DateTimeOffset? RespondBefore { get; init; }

    /// <summary>The receiver must have reached the family by this time, or the case goes back to the sender.</summary>
    [NoPersonalData]
    public DateTimeOffset? FirstContactBefore { get; init; }
}
