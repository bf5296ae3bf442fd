using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Ingress;

/// <summary>
/// Reads a contract out of MassTransit's JSON envelope (what partners send over AMQP) with MassTransit's own JSON
/// settings, so the hub reads exactly what MassTransit clients write. Problems are described by path only:
/// no value from the input is echoed.
/// </summary>
public static class MassTransitEnvelope
{
    private static readonly Dictionary<string, Type> ContractsByUrn =
        ContractCatalogue.All.ToDictionary(t => MessageUrn.ForTypeString(t), t => t, StringComparer.Ordinal);

    /// <summary>The envelope a MassTransit client writes around <paramref name="message"/>: its id, its type's URN and the message.</summary>
    public static byte[] Write(HubMessage message) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        messageId = message.MessageId,
        correlationId = message.CorrelationId,
        messageType = new[] { MessageUrn.ForTypeString(message.GetType()) },
        sentTime = message.CreatedAt,
        message = JsonSerializer.SerializeToElement(message, message.GetType(), SystemTextJsonMessageSerializer.Options),
    }, SystemTextJsonMessageSerializer.Options);

    /// <summary>What the hub takes from a MassTransit delivery (a partner's, or a kept one replayed): too large to read, or read.</summary>
    public static InboundMessage Receive(ReadOnlyMemory<byte> body, AuthenticatedSender sender, IngressLimits limits) =>
        body.Length > limits.MaxMessageBytes
            ? InboundMessage.Oversize(body, sender) // not worth reading: the pipeline returns it as too large
            : Read(body, sender);

    public static InboundMessage Read(ReadOnlyMemory<byte> body, AuthenticatedSender sender)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return InboundMessage.NotRead(body, sender, ReturnCode.MalformedMessage, "The envelope has no message object.");
            }

            var type = ContractTypeOf(root);
            if (type is null)
            {
                return InboundMessage.NotRead(body, sender, ReturnCode.UnknownContract, "No contract of this type exists at the hub.");
            }

            return message.Deserialize(type, SystemTextJsonMessageSerializer.Options) is HubMessage contract
                ? InboundMessage.Read(body, sender, contract)
                : InboundMessage.NotRead(body, sender, ReturnCode.MalformedMessage, "The message is empty.");
        }
        catch (JsonException json)
        {
            var where = json.Path is null ? "invalid JSON." : $"invalid or missing value at {json.Path}.";
            return InboundMessage.NotRead(body, sender, ReturnCode.MalformedMessage, "The message could not be read as its contract: " + where);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            // Invalid UTF-8, a value no converter reads, a type the serializer refuses: all describe the input, not the hub.
            return InboundMessage.NotRead(body, sender, ReturnCode.MalformedMessage, "The message could not be read as its contract.");
        }
    }

    private static Type? ContractTypeOf(JsonElement envelope)
    {
        if (!envelope.TryGetProperty("messageType", out var types) || types.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var urn in types.EnumerateArray())
        {
            if (urn.ValueKind == JsonValueKind.String && ContractsByUrn.TryGetValue(urn.GetString()!, out var type))
            {
                return type;
            }
        }

        return null;
    }
}

/// <summary>The wire format of the hub's partners: MassTransit's JSON envelope.</summary>
public sealed class MassTransitWireFormat : IWireFormat
{
    public ReadOnlyMemory<byte> Write(HubMessage message) => MassTransitEnvelope.Write(message);

    public InboundMessage Read(ReadOnlyMemory<byte> body, AuthenticatedSender sender) => MassTransitEnvelope.Read(body, sender);
}
