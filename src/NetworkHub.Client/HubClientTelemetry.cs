using System.Diagnostics;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Client;

/// <summary>
/// The spans of the client library: one per message sent to the hub and one per message received from it, in the trace
/// the message carries (see <see cref="MessageTrace"/>). A partner exports them by adding <see cref="SourceName"/> to
/// its tracer. Contract names, organisation codes and message ids only: never a message's content.
/// </summary>
public static class HubClientTelemetry
{
    public const string SourceName = "NetworkHub.Client";

    internal static readonly ActivitySource Source = new(SourceName, typeof(HubClientTelemetry).Assembly.GetName().Version?.ToString());

    internal static Activity? StartSend(HubMessage message, MessageTrace? parent) =>
        Start("send", ActivityKind.Producer, message, parent?.Parent ?? default);

    internal static Activity? StartReceive(HubMessage message, MessageTrace? parent) =>
        Start("receive", ActivityKind.Consumer, message, parent?.Parent ?? default);

    private static Activity? Start(string operation, ActivityKind kind, HubMessage message, ActivityContext parent)
    {
        if (!Source.HasListeners())
        {
            return null; // no span, no name to build
        }

        var contract = ContractCatalogue.NameOf(message.GetType());
        var span = Source.StartActivity($"{operation} {contract}", kind, parent);
        span?.SetTag("messaging.operation.type", operation)
            .SetTag("messaging.message.id", message.MessageId.ToString())
            .SetTag("networkhub.contract", contract)
            .SetTag("networkhub.sender", message.SenderOrganisation);
        return span;
    }
}
