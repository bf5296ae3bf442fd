using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkHub.Contracts.Topology;

namespace NetworkHub.Core.Broker;

/// <summary>
/// The same broker state as <see cref="PartnerProvisioning"/>, written as a RabbitMQ definitions file that the broker
/// loads at boot (<c>load_definitions</c>): the hub's user (administrator of its virtual host), every partner's user,
/// permissions and limits, the partner queues and exchanges and the queue policy. Passwords are stored as the broker's
/// salted SHA-256 hashes; the partners' new passwords are returned once, for the caller to hand over.
/// </summary>
public static class BrokerDefinitionsFile
{
    public static (string Json, IReadOnlyList<PartnerProvisioned> Partners) Write(PartnerBrokerPlan plan, string hubPassword)
    {
        var vhost = plan.VirtualHost;
        var partners = plan.Partners
            .Select(p => new PartnerProvisioned(p, PartnerUserChange.Created, PartnerProvisioning.NewPassword(), 0))
            .ToList();

        var users = new JsonArray(User(plan.HubUser, hubPassword, "administrator", null));
        var permissions = new JsonArray(Permission(vhost, plan.HubUser, new BrokerPermissions(".*", ".*", ".*")));
        foreach (var partner in partners)
        {
            users.Add(User(partner.Partner.User, partner.NewPassword!, null, plan.UserLimits));
            permissions.Add(Permission(vhost, partner.Partner.User, PartnerBrokerPlan.PermissionsOf(partner.Partner.Code)));
        }

        var queues = new JsonArray(Queue(vhost, HubTopology.DeadLetterQueue, new Dictionary<string, object> { ["x-queue-type"] = "quorum" }));
        var exchanges = new JsonArray(Exchange(vhost, HubTopology.DeadLetterExchange));
        var bindings = new JsonArray(Binding(vhost, HubTopology.DeadLetterExchange, HubTopology.DeadLetterQueue));
        foreach (var queue in plan.Queues)
        {
            queues.Add(Queue(vhost, queue, plan.QueueArguments));
            exchanges.Add(Exchange(vhost, queue));
            bindings.Add(Binding(vhost, queue, queue));
        }

        var policy = plan.QueuePolicy;
        var definitions = new JsonObject
        {
            ["users"] = users,
            ["vhosts"] = new JsonArray(new JsonObject { ["name"] = vhost }),
            ["permissions"] = permissions,
            ["policies"] = new JsonArray(new JsonObject
            {
                ["vhost"] = vhost,
                ["name"] = policy.Name,
                ["pattern"] = policy.Pattern,
                ["apply-to"] = "queues",
                ["priority"] = 0,
                ["definition"] = ToNode(policy.Definition),
            }),
            ["queues"] = queues,
            ["exchanges"] = exchanges,
            ["bindings"] = bindings,
        };
        return (definitions.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", partners);
    }

    private static JsonObject User(string name, string password, string? tag, IReadOnlyDictionary<string, int>? limits)
    {
        var user = new JsonObject
        {
            ["name"] = name,
            ["password_hash"] = PasswordHash(password),
            ["hashing_algorithm"] = "rabbit_password_hashing_sha256",
            ["tags"] = tag is null ? new JsonArray() : new JsonArray(tag),
        };
        if (limits is not null)
        {
            user["limits"] = new JsonObject(limits.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        return user;
    }

    private static JsonObject Permission(string vhost, string user, BrokerPermissions permissions) => new()
    {
        ["user"] = user,
        ["vhost"] = vhost,
        ["configure"] = permissions.Configure,
        ["write"] = permissions.Write,
        ["read"] = permissions.Read,
    };

    private static JsonObject Queue(string vhost, string name, IReadOnlyDictionary<string, object> arguments) => new()
    {
        ["name"] = name,
        ["vhost"] = vhost,
        ["durable"] = true,
        ["auto_delete"] = false,
        ["arguments"] = ToNode(arguments),
    };

    private static JsonObject Exchange(string vhost, string name) => new()
    {
        ["name"] = name,
        ["vhost"] = vhost,
        ["type"] = "fanout",
        ["durable"] = true,
        ["auto_delete"] = false,
        ["internal"] = false,
        ["arguments"] = new JsonObject(),
    };

    private static JsonObject Binding(string vhost, string exchange, string queue) => new()
    {
        ["source"] = exchange,
        ["vhost"] = vhost,
        ["destination"] = queue,
        ["destination_type"] = "queue",
        ["routing_key"] = "",
        ["arguments"] = new JsonObject(),
    };

    private static JsonNode ToNode(IReadOnlyDictionary<string, object> values) => JsonSerializer.SerializeToNode(values)!;

    /// <summary>RabbitMQ's rabbit_password_hashing_sha256: base64 of a 4-byte salt followed by SHA-256(salt ‖ UTF-8 password).</summary>
    public static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }
}
