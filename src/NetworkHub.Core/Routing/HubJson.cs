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

    public static string Fingerprint(HubMessage message) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Options)));
}
