namespace NetworkHub.Core.Privacy;

/// <summary>The kinds of organisation in the network. The policy decides per type, never per named organisation.</summary>
public enum OrganisationType
{
    Wijkteam = 1,
    VeiligThuis = 2,
    GecertificeerdeInstelling = 3,
    RaadVoorDeKinderbescherming = 4,
    School = 5,
    Huisarts = 6,
    Schuldhulp = 7,
    Jgz = 8,
    Politie = 9,
    Leerplicht = 10,
    Jeugdhulpaanbieder = 11,
    Procesmanager = 12,
    Woningcorporatie = 13,
}

/// <summary>A partner organisation as the policy needs to know it.</summary>
public sealed record Organisation(string Code, string Name, OrganisationType Type);

/// <summary>Looks up partner organisations by code. The partner registry implements it.</summary>
public interface IOrganisationDirectory
{
    Organisation? Find(string code);
}
