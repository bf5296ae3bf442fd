using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Testing;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// One spec's private corner of the shared broker: its own virtual host, a broker user for the hub and one per
/// partner organisation, and the hub settings that go with them.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    public const string School = "school-de-regenboog";
    public const string Wijkteam = "wijkteam-noord";
    public const string Huisarts = "huisarts-de-linde";
    private const string Password = "secret-for-tests";

    private static readonly (string Code, OrganisationType Type)[] Organisations =
        [(School, OrganisationType.School), (Wijkteam, OrganisationType.Wijkteam), (Huisarts, OrganisationType.Huisarts)];

    private readonly RabbitMqNode _node;
    private readonly List<HubClient> _clients = [];

    private TestNetwork(RabbitMqNode node, string virtualHost)
    {
        _node = node;
        VirtualHost = virtualHost;
        DataDirectory = Path.Combine(Path.GetTempPath(), "networkhub-specs", virtualHost);
        Directory.CreateDirectory(DataDirectory);
    }

    public string VirtualHost { get; }
    public string DataDirectory { get; }

    public static async Task<TestNetwork> CreateAsync(RabbitMqNode node)
    {
        var network = new TestNetwork(node, $"spec-{Guid.NewGuid():N}"[..17]);
        await node.AddVirtualHostAsync(network.VirtualHost);
        foreach (var user in Organisations.Select(o => network.BrokerUser(o.Code)).Prepend(network.BrokerUser("hub")))
        {
            await node.AddUserAsync(user, Password);
            await node.SetPermissionsAsync(network.VirtualHost, user, ".*", ".*", ".*");
        }

        return network;
    }

    public string BrokerUser(string organisation) => $"{VirtualHost}-{organisation}";

    public Uri BrokerUriFor(string organisation) =>
        new($"amqp://{BrokerUser(organisation)}:{Password}@{_node.AmqpUri.Host}:{_node.AmqpPort}/{VirtualHost}");

    /// <summary>Command-line settings for a hub on this network (SQLite in the spec's data folder unless overridden).</summary>
    public List<string> HubArguments(params string[] extra)
    {
        var args = new List<string>
        {
            "--NetworkHub:Transport=RabbitMq",
            $"--NetworkHub:RabbitMqUri={BrokerUriFor("hub")}",
            $"--NetworkHub:DataDirectory={DataDirectory}",
            "--NetworkHub:DeadlineScanInterval=00:00:00.200",
            "--NetworkHub:OutboxSweepInterval=00:00:01",
            "--NetworkHub:OutboxSweepAge=00:00:02",
            "--Logging:LogLevel:Default=Warning",
        };
        for (var i = 0; i < Organisations.Length; i++)
        {
            args.Add($"--NetworkHub:Organisations:{i}:Code={Organisations[i].Code}");
            args.Add($"--NetworkHub:Organisations:{i}:Name={Organisations[i].Code}");
            args.Add($"--NetworkHub:Organisations:{i}:Type={Organisations[i].Type}");
            args.Add($"--NetworkHub:Organisations:{i}:BrokerUser={BrokerUser(Organisations[i].Code)}");
        }

        args.AddRange(extra);
        return args;
    }

    public async Task<PartnerProbe> ConnectAsync(string organisation)
    {
        var probe = new PartnerProbe(organisation);
        probe.Client = await HubClient.ConnectAsync(
            new HubClientOptions { Organisation = organisation, BrokerUri = BrokerUriFor(organisation) }, probe.HandleAsync);
        _clients.Add(probe.Client);
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        try
        {
            await _node.RunCtlAsync("delete_vhost", VirtualHost);
        }
        catch (Exception)
        {
            // The broker may be down after a fault spec; its folder goes with the fixture.
        }
    }
}
