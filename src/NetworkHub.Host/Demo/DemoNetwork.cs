using NetworkHub.Contracts.V1;

namespace NetworkHub.Host.Demo;

/// <summary>The simulated partner network of the quick start: one of each kind of organisation in a Zwolle-like region.</summary>
public static class DemoNetwork
{
    public const string Wijkteam = "wijkteam-noord";
    public const string VeiligThuis = "veilig-thuis-ijsselland";
    public const string Gi = "gi-jeugdbescherming-overijssel";
    public const string School = "school-de-regenboog";
    public const string Huisarts = "huisarts-de-linde";
    public const string Schuldhulp = "schuldhulp-stadsbank";

    /// <summary>Registered, but its system is offline: what is sent to it is never acknowledged and goes overdue.</summary>
    public const string OfflineJgz = "jgz-ijsselland";

    /// <summary>A code no organisation has: a message addressed to it is returned and kept in quarantine.</summary>
    public const string UnknownWijkteam = "wijkteam-zuid";

    public static IReadOnlyList<(string Code, string Name, OrganisationType Type)> Organisations { get; } =
    [
        (Wijkteam, "Sociaal Wijkteam Noord", OrganisationType.Wijkteam),
        (VeiligThuis, "Veilig Thuis IJsselland", OrganisationType.VeiligThuis),
        (Gi, "Jeugdbescherming Overijssel", OrganisationType.GecertificeerdeInstelling),
        (School, "Basisschool De Regenboog", OrganisationType.School),
        (Huisarts, "Huisartsenpraktijk De Linde", OrganisationType.Huisarts),
        (Schuldhulp, "Stadsbank (schuldhulp)", OrganisationType.Schuldhulp),
        (OfflineJgz, "JGZ IJsselland", OrganisationType.Jgz),
    ];

    /// <summary>
    /// "--demo" on the command line: in-memory transport, the embedded database and the simulated partners.
    /// Settings given explicitly (environment, appsettings, other arguments) still win for everything else.
    /// </summary>
    public static string[] ExpandDemoSwitch(string[] args)
    {
        if (!args.Contains("--demo"))
        {
            return args;
        }

        var settings = new List<string> { "--NetworkHub:Demo=true", "--NetworkHub:Transport=InMemory" };
        for (var i = 0; i < Organisations.Count; i++)
        {
            var (code, name, type) = Organisations[i];
            settings.Add($"--NetworkHub:Organisations:{i}:Code={code}");
            settings.Add($"--NetworkHub:Organisations:{i}:Name={name}");
            settings.Add($"--NetworkHub:Organisations:{i}:Type={type}");
        }

        return [.. args.Where(a => a != "--demo"), .. settings];
    }
}
