using NetworkHub.Contracts.V1;

namespace NetworkHub.Testing;

/// <summary>A partner organisation as a hub under test registers it.</summary>
public sealed record TestOrganisation(string Code, string Name, OrganisationType Type);

/// <summary>
/// One hub's private corner of a shared broker node: its own virtual host, a broker user for the hub and one
/// per organisation, and the hub settings that go with them.
/// </summary>
public sealed class HubBrokerSpace
{
    private const string Password = "secret-for-tests";
    private readonly RabbitMqNode _node;

    private readonly bool _tls;

    private HubBrokerSpace(RabbitMqNode node, string virtualHost, IReadOnlyList<TestOrganisation> organisations, bool tls)
    {
        _node = node;
        _tls = tls;
        VirtualHost = virtualHost;
        Organisations = organisations;
    }

    public string VirtualHost { get; }
    public IReadOnlyList<TestOrganisation> Organisations { get; }

    /// <param name="tls">Whether hub and partners connect over amqps:// (the node must serve it).</param>
    public static async Task<HubBrokerSpace> CreateAsync(RabbitMqNode node, string virtualHost, IReadOnlyList<TestOrganisation> organisations, bool tls = false)
    {
        var space = new HubBrokerSpace(node, virtualHost, organisations, tls);
        await node.AddVirtualHostAsync(virtualHost);
        foreach (var user in organisations.Select(o => space.BrokerUser(o.Code)).Prepend(space.BrokerUser("hub")))
        {
            await node.AddUserAsync(user, Password);
            await node.SetPermissionsAsync(virtualHost, user, ".*", ".*", ".*");
        }

        return space;
    }

    public string BrokerUser(string organisation) => $"{VirtualHost}-{organisation}";

    public Uri BrokerUriFor(string organisation) => _node.AmqpUriFor(BrokerUser(organisation), Password, VirtualHost, _tls);

    /// <summary>
    /// A broker user in this space that no organisation is registered to (as an account left behind, or one created
    /// by mistake): it may publish to the hub, which cannot tell who it is. Returns its broker address.
    /// </summary>
    public async Task<Uri> AddUnregisteredUserAsync(string name)
    {
        if (Organisations.Any(o => o.Code == name) || name == "hub")
        {
            throw new ArgumentException($"'{name}' is registered in this space.", nameof(name));
        }

        var user = BrokerUser(name);
        await _node.AddUserAsync(user, Password);
        await _node.SetPermissionsAsync(VirtualHost, user, ".*", ".*", ".*");
        return BrokerUriFor(name);
    }

    /// <summary>The pseudonym key every hub and tool on a space is configured with (a hub outside demo mode needs one).</summary>
    public const string PseudonymKeyId = "spec";

    public static readonly string PseudonymKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    /// <summary>Command-line settings for a hub on this space: RabbitMQ, the data folder, the pseudonym key and the organisation registry.</summary>
    public List<string> HubArguments(string dataDirectory)
    {
        var args = new List<string>
        {
            "--NetworkHub:Transport=RabbitMq",
            $"--NetworkHub:RabbitMqUri={BrokerUriFor("hub")}",
            $"--NetworkHub:DataDirectory={dataDirectory}",
            $"--NetworkHub:Pseudonyms:CurrentKeyId={PseudonymKeyId}",
            $"--NetworkHub:Pseudonyms:Keys:{PseudonymKeyId}={PseudonymKey}",
            "--Logging:LogLevel:Default=Warning",
        };
        for (var i = 0; i < Organisations.Count; i++)
        {
            args.Add($"--NetworkHub:Organisations:{i}:Code={Organisations[i].Code}");
            args.Add($"--NetworkHub:Organisations:{i}:Name={Organisations[i].Name}");
            args.Add($"--NetworkHub:Organisations:{i}:Type={Organisations[i].Type}");
            args.Add($"--NetworkHub:Organisations:{i}:BrokerUser={BrokerUser(Organisations[i].Code)}");
        }

        return args;
    }

    /// <summary>Removes the virtual host; best effort, as the broker may be down after a fault spec.</summary>
    public async Task DeleteAsync()
    {
        try
        {
            await _node.DeleteVirtualHostAsync(VirtualHost);
        }
        catch (Exception)
        {
            // The broker goes with its container.
        }
    }
}
