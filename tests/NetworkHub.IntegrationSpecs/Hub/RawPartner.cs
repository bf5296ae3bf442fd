using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>A partner system that does not use NetworkHub.Client: publishes raw bytes to its ingress, as its broker user.</summary>
public sealed class RawPartner : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _user;
    private readonly string _ingress;

    private RawPartner(IConnection connection, IChannel channel, string user, string ingress)
    {
        _connection = connection;
        _channel = channel;
        _user = user;
        _ingress = ingress;
    }

    /// <summary>Connects as the broker user in <paramref name="brokerUri"/>, publishing to <paramref name="organisation"/>'s ingress.</summary>
    public static async Task<RawPartner> ConnectAsync(Uri brokerUri, string organisation)
    {
        var connection = await new ConnectionFactory { Uri = brokerUri }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new RawPartner(connection, channel, Uri.UnescapeDataString(brokerUri.UserInfo.Split(':')[0]), HubTopology.Ingress(organisation));
    }

    /// <summary>A MassTransit envelope around any message body, typed as <paramref name="urn"/>.</summary>
    public static byte[] Envelope(string urn, object message) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { urn },
        message,
    }, Options);

    public static byte[] Envelope(HubMessage message) => Envelope(message, _ => { });

    /// <summary>The message as JSON, changed by <paramref name="change"/> the way a faulty or hostile partner would.</summary>
    public static byte[] Envelope(HubMessage message, Action<JsonObject> change)
    {
        var json = Json(message);
        change(json);
        return Envelope(UrnOf(message.GetType()), json);
    }

    /// <summary>The message as the JSON object a partner would write (camelCase, enums as numbers).</summary>
    public static JsonObject Json(HubMessage message) => JsonSerializer.SerializeToNode(message, message.GetType(), Options)!.AsObject();

    /// <summary>MassTransit's message type for a contract.</summary>
    public static string UrnOf(Type contract) => $"urn:message:{contract.Namespace}:{contract.Name}";

    /// <summary>Publishes <paramref name="body"/> to its ingress as this partner's broker user.</summary>
    /// <param name="expiration">Milliseconds after which the broker expires (dead-letters) the message if nobody took it.</param>
    /// <param name="withUserId">False to leave out the AMQP user-id property, so the hub cannot tell who sent it.</param>
    public async Task PublishAsync(byte[] body, string? expiration = null, bool withUserId = true)
    {
        var properties = new BasicProperties
        {
            UserId = withUserId ? _user : null,
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = Guid.NewGuid().ToString(),
            Expiration = expiration,
        };
        await _channel.BasicPublishAsync(_ingress, "", mandatory: false, properties, body);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
