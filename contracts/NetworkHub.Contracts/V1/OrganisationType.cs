namespace NetworkHub.Contracts.V1;

/// <summary>
/// The kind of organisation in the network. Policy (which purpose may reach which recipient), the
/// origin of a hand-over and the scope of consent are expressed per type, not only per organisation.
/// </summary>
public enum OrganisationType
{
    /// <summary>Sociaal wijkteam: access point for families; usually holds regie.</summary>
    Wijkteam = 1,

    /// <summary>Reporting centre for domestic violence and child abuse.</summary>
    VeiligThuis = 2,

    /// <summary>Gecertificeerde instelling: carries out child-protection orders and youth probation.</summary>
    GecertificeerdeInstelling = 3,

    /// <summary>Raad voor de Kinderbescherming: investigates whether a child-protection order is needed.</summary>
    RaadVoorDeKinderbescherming = 4,

    School = 5,

    /// <summary>GP practice, including the POH-jeugd.</summary>
    Huisarts = 6,

    /// <summary>Debt help, such as a municipal credit bank.</summary>
    Schuldhulp = 7,

    /// <summary>Jeugdgezondheidszorg (GGD / consultatiebureau).</summary>
    Jgz = 8,

    Leerplicht = 9,
    Politie = 10,
    Woningcorporatie = 11,

    /// <summary>Specialist youth care and youth mental health (jeugdhulpaanbieder, GGZ).</summary>
    Jeugdhulpaanbieder = 12,

    /// <summary>Procesmanager: the municipality's escalation point when cases get stuck.</summary>
    Procesmanager = 13,

    Other = 99,
}
