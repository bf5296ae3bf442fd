namespace NetworkHub.Contracts.V1;

/// <summary>The legal basis (grondslag) for sharing personal data.</summary>
public enum Grondslag
{
    /// <summary>Consent of the parent, guardian or the young person (from 12; from 16 alone).</summary>
    Toestemming = 1,

    /// <summary>Meldrecht under the meldcode (Wmo 2015 art. 5.2.6): a report to Veilig Thuis without consent.</summary>
    Meldrecht = 2,

    /// <summary>Wettelijke taak jeugdbescherming (Jeugdwet 7.3.11): sharing with a GI for a child-protection order.</summary>
    WettelijkeTaakJeugdbescherming = 3,
}

/// <summary>Why data is shared. Consent is given per purpose.</summary>
public enum Purpose
{
    GatherInformation = 1,
    ShareWithNamedOrganisations = 2,
    DiscussInMdo = 3,
    DiscussAnonymously = 4,
    ReportToVeiligThuis = 5,
    ChildProtection = 6,

    /// <summary>Coordination traffic that carries no personal data beyond a reference (acks, status).</summary>
    Coordination = 7,
}

public enum Urgency
{
    Normal = 1,
    High = 2,
    Acute = 3,
}

/// <summary>Life domains (leefgebieden) a signal or plan concerns.</summary>
public enum Leefgebied
{
    Wonen = 1,
    Werk = 2,
    Financien = 3,
    Opvoeding = 4,
    Gezondheid = 5,
    School = 6,
    Veiligheid = 7,
}
