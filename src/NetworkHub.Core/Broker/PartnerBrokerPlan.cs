using System.Text.RegularExpressions;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Registry;

namespace NetworkHub.Core.Broker;

/// <summary>What the broker enforces for every partner user, besides its permissions (see the README's configuration table).</summary>
public sealed record PartnerBrokerLimits
{
    /// <summary>Connections one partner user may hold open at once.</summary>
    public int MaxConnections { get; init; } = 10;

    /// <summary>Channels one partner user may hold open at once, over all its connections.</summary>
    public int MaxChannels { get; init; } = 100;

    /// <summary>
    /// Messages a partner's ingress or partner queue may hold; past it the broker refuses further publishes to that
    /// queue (reject-publish), so a flooding partner sees its own publishes refused and nobody else is affected.
    /// </summary>
    public int MaxQueueLength { get; init; } = 10_000;
}

/// <summary>A partner as the broker knows it: its organisation code and its own broker user.</summary>
public sealed record BrokerPartner(string Code, string User);

/// <summary>
/// The broker state the hub wants for its partners, as plain data: each partner's user, its permissions (configure
/// and write only its own two names, read only its own queue), limits, its ingress and partner queue with their
/// exchanges, and the queue policy. Applied through the management API by <see cref="PartnerProvisioning"/> or written as a
/// definitions file by <see cref="BrokerDefinitionsFile"/>; the same plan, so both give the same broker.
/// </summary>
public sealed class PartnerBrokerPlan(string virtualHost, string hubUser, IReadOnlyList<BrokerPartner> partners, PartnerBrokerLimits limits)
{
    public const string QueuePolicyName = "networkhub-partner-queues";

    /// <summary>
    /// The plan for the registered organisations that have a broker user, on the virtual host of the hub's own broker
    /// URI (amqp://hub-user:password@host:port/vhost). Organisations without a broker user cannot be authenticated and
    /// are left out (the caller reports them).
    /// </summary>
    public static PartnerBrokerPlan For(Uri hubBrokerUri, IEnumerable<RegisteredOrganisation> organisations, PartnerBrokerLimits limits)
    {
        var hubUser = Uri.UnescapeDataString(hubBrokerUri.UserInfo.Split(':', 2)[0]);
        var path = Uri.UnescapeDataString(hubBrokerUri.AbsolutePath.TrimStart('/'));
        var partners = organisations.Where(o => !string.IsNullOrWhiteSpace(o.BrokerUser))
            .OrderBy(o => o.Code, StringComparer.Ordinal)
            .Select(o => new BrokerPartner(o.Code, o.BrokerUser!))
            .ToList();
        return new PartnerBrokerPlan(path.Length == 0 ? "/" : path, hubUser, partners, limits);
    }

    public string VirtualHost { get; } = virtualHost;
    public string HubUser { get; } = hubUser;
    public IReadOnlyList<BrokerPartner> Partners { get; } = partners;
    public PartnerBrokerLimits Limits { get; } = limits;

    /// <summary>
    /// A partner's permissions, as regular expressions on names. Configure and write cover exactly its own ingress and
    /// queue (its client declares both with the agreed arguments and binds its queue, which the broker counts as
    /// configuring and writing them); read covers only its queue. Nothing of another partner or of the hub matches.
    /// </summary>
    public static BrokerPermissions PermissionsOf(string organisation)
    {
        var ingress = Regex.Escape(HubTopology.Ingress(organisation));
        var queue = Regex.Escape(HubTopology.PartnerQueue(organisation));
        var own = $"^({ingress}|{queue})$";
        return new BrokerPermissions(Configure: own, Write: own, Read: $"^{queue}$");
    }

    /// <summary>Every queue a partner has, each with a fan-out exchange of the same name bound to it.</summary>
    public IEnumerable<string> Queues => Partners.SelectMany(p => new[] { HubTopology.Ingress(p.Code), HubTopology.PartnerQueue(p.Code) });

    public IReadOnlyDictionary<string, object> QueueArguments => HubTopology.QueueArguments;

    /// <summary>The policy on every partner queue: bounded, refusing publishes when full, dead-lettering to the hub.</summary>
    public BrokerPolicy QueuePolicy => new(
        QueuePolicyName,
        Pattern: $"^({Regex.Escape(HubTopology.LegacyIngressQueue)}|partner)\\.",
        new Dictionary<string, object>
        {
            ["max-length"] = Limits.MaxQueueLength,
            ["overflow"] = "reject-publish",
            ["dead-letter-exchange"] = HubTopology.DeadLetterExchange,
            ["dead-letter-strategy"] = "at-least-once",
            ["delivery-limit"] = HubTopology.QueueArguments["x-delivery-limit"],
        });

    public IReadOnlyDictionary<string, int> UserLimits => new Dictionary<string, int>
    {
        ["max-connections"] = Limits.MaxConnections,
        ["max-channels"] = Limits.MaxChannels,
    };
}

public sealed record BrokerPermissions(string Configure, string Write, string Read);

public sealed record BrokerPolicy(string Name, string Pattern, IReadOnlyDictionary<string, object> Definition);
