using NetworkHub.Contracts.V1;

namespace NetworkHub.Testing;

/// <summary>Example messages that meet every content rule, shared by the specs and the benchmarks.</summary>
public static class ExampleHandOver
{
    /// <summary>
    /// A complete warm hand-over from Veilig Thuis to the wijkteam after a police report: aanleiding, bodemeisen, and a
    /// safety assessment that went beyond the parents and spoke to the child alone. Sent under the parents' consent.
    /// </summary>
    public static WarmeOverdrachtOffered FromVeiligThuis(string veiligThuis, string wijkteam, SubjectReference child, string consentId, DateTimeOffset now) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = veiligThuis,
        Recipients = [wijkteam],
        Subject = child,
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = consentId,
        CreatedAt = now,
        Aanleiding = "Melding huiselijk geweld door de politie; afschaling naar het wijkteam",
        OriginOrganisation = veiligThuis,
        OriginType = OrganisationType.VeiligThuis,
        RegieAfterwards = wijkteam,
        Bodemeisen = ["Geen geweld in het bijzijn van de kinderen", "Ouders werken mee aan hulpverlening"],
        Veiligheidsinschatting = new Veiligheidsinschatting
        {
            Instrument = SafetyInstrument.Top3,
            Sources = [SafetySource.Parents, SafetySource.Child, SafetySource.School],
            AssessedOn = DateOnly.FromDateTime(now.UtcDateTime),
            Outcome = SafetyOutcome.ConditionallySafe,
            Children = [new ChildContact { Child = child, SpokenTo = true, SpokenToAlone = true }],
        },
    };
}
