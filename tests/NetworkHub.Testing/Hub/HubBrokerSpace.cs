using NetworkHub.Contracts.V1;
using NetworkHub.Core.Broker;

namespace NetworkHub.Testing;

/// <summary>A partner organisation as a hub under test registers it.</summary>
public sealed record TestOrganisation(string Code, string Name, OrganisationType Type);

/// <summary>
/// One hub's private corner of a shared broker node: its own virtual host, a broker user for the hub and one
/// per organisation, and the hub settings that go with them. The organisations' users get exactly what
/// <c>networkhub partners provision</c> gives them (<see cref="PartnerProvisioning"/>): permissions on their own
/// ingress and queue only, limits, queues and the queue policy.
/// </summary>
public sealed class HubBrokerSpace
{
    private const string Password = "secret-for-tests";
    private readonly RabbitMqNode _node;

    private readonly bool _tls;

    private HubBrokerSpace(RabbitMqNode node, string virtualHost, IReadOnlyList<TestOrganisation> organisations, PartnerBrokerLimits limits, bool tls)
    {
        _node = node;
        _tls = tls;
        VirtualHost = virtualHost;
        Organisations = organisations;
        Limits = limits;
    }

    public string VirtualHost { get; }
    public IReadOnlyList<TestOrganisation> Organisations { get; }
    public PartnerBrokerLimits Limits { get; }

    /// <param name="tls">Whether hub and partners connect over amqps:// (the node must serve it).</param>
    public static async Task<HubBrokerSpace> CreateAsync(
        RabbitMqNode node, string virtualHost, IReadOnlyList<TestOrganisation> organisations, PartnerBrokerLimits? limits = null, bool tls = false)
    {
        var space = new HubBrokerSpace(node, virtualHost, organisations, limits ?? new PartnerBrokerLimits(), tls);
        await node.AddVirtualHostAsync(virtualHost);
        await node.AddUserAsync(space.BrokerUser("hub"), Password);
        await node.SetPermissionsAsync(virtualHost, space.BrokerUser("hub"), ".*", ".*", ".*");
        foreach (var organisation in organisations)
        {
            await node.AddUserAsync(space.BrokerUser(organisation.Code), Password); // a known password instead of a generated one
        }

        await space.ProvisionAsync(new ProvisioningRequests { Enable = organisations.Select(o => o.Code).ToHashSet() });
        return space;
    }

    /// <summary>What partner provisioning brings this space's broker to.</summary>
    public PartnerBrokerPlan Plan => new(VirtualHost, BrokerUser("hub"),
        Organisations.Select(o => new BrokerPartner(o.Code, BrokerUser(o.Code))).ToList(), Limits);

    public string BrokerUser(string organisation) => $"{VirtualHost}-{organisation}";

    /// <summary>The node's management API as its administrator, which partner provisioning needs.</summary>
    public Uri ManagementUri => _node.ManagementUri;

    public Uri BrokerUriFor(string organisation) => _node.AmqpUriFor(BrokerUser(organisation), Password, VirtualHost, _tls);

    /// <summary>The organisation's broker address with another password (after a rotation, say).</summary>
    public Uri BrokerUriFor(string organisation, string password) => _node.AmqpUriFor(BrokerUser(organisation), password, VirtualHost, _tls);

    /// <summary>Partner provisioning on this space, as <c>networkhub partners provision</c> runs it.</summary>
    public async Task<IReadOnlyList<PartnerProvisioned>> ProvisionAsync(ProvisioningRequests requests)
    {
        using var api = new BrokerManagementApi(_node.ManagementUri);
        return await new PartnerProvisioning(api).ApplyAsync(Plan, requests, default);
    }

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
