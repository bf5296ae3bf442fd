using NetworkHub.Contracts;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Routing;

/// <summary>How the hub stores messages it still owes somebody (outbox) and fingerprints bodies (inbox).</summary>
public static class HubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(HubMessage message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static HubMessage Deserialize(string contract, string payload)
    {
        var type = ContractCatalogue.Find(contract) ?? throw new InvalidOperationException($"Unknown contract '{contract}' in the outbox.");
        return (HubMessage)(JsonSerializer.Deserialize(payload, type, Options)
                            ?? throw new InvalidOperationException($"Empty outbox payload for '{contract}'."));
    }

    /// <summary>
    /// What makes a message this message: everything but the moment it was written, so a partner that sends the same
    /// message again (an acknowledgement re-sent after a redelivery, say) is recognised as a repeat, not a reuse of its id.
    /// </summary>
    public static string Fingerprint(HubMessage message) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message with { CreatedAt = default }, message.GetType(), Options)));
}
