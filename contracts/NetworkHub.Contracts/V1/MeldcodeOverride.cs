namespace NetworkHub.Contracts.V1;

/// <summary>
/// "Break the glass": the sender shares without consent under the meldcode (a melding to Veilig Thuis)
/// or for a child-protection order (a GI or the Raad). The hub lets it pass only with a written
/// justification, flags it for the privacy officer and records it in the access log.
/// </summary>
public sealed record MeldcodeOverride
{
    /// <summary>The meldcode step the professional is at; required for a melding to Veilig Thuis.</summary>
    [NoPersonalData]
    public MeldcodeStep? Step { get; init; }

    /// <summary>Why sharing without consent is necessary. Read by the privacy officer, not logged as text.</summary>
    [Section(SectionKind.Reason)]
    public required string Justification { get; init; }
}

/// <summary>The five steps of the meldcode huiselijk geweld en kindermishandeling (with the 2019 afwegingskader).</summary>
public enum MeldcodeStep
{
    /// <summary>Stap 1: signalen in kaart brengen.</summary>
    SignalenInKaart = 1,

    /// <summary>Stap 2: collegiale consultatie en zo nodig Veilig Thuis raadplegen.</summary>
    CollegialeConsultatie = 2,

    /// <summary>Stap 3: gesprek met de cliënt.</summary>
    GesprekMetClient = 3,

    /// <summary>Stap 4: wegen van het geweld, met het afwegingskader.</summary>
    Wegen = 4,

    /// <summary>Stap 5: beslissen over melden en hulp organiseren.</summary>
    Beslissen = 5,
}
