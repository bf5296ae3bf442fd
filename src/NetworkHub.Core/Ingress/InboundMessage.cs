using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;
using NetworkHub.Client;

namespace NetworkHub.Core.Ingress;

/// <summary>
/// What a transport adapter hands the hub: the bytes as received, the sender as the transport proved it, and the
/// contract the adapter read from the bytes, or why it could not.
/// </summary>
public sealed record InboundMessage(ReadOnlyMemory<byte> Body, AuthenticatedSender Sender, HubMessage? Message, UnreadableInput? Unreadable)
{
    /// <summary>Set when an operator replays input the hub kept: the same path, deciding afresh on that quarantine entry.</summary>
    public ReplayAttempt? Replay { get; init; }

    /// <summary>The trace the sender sent the message in (W3C trace context from its headers), which the hub continues.</summary>
    public MessageTrace? Trace { get; init; }

    public static InboundMessage Read(ReadOnlyMemory<byte> body, AuthenticatedSender sender, HubMessage message) => new(body, sender, message, null);

    public static InboundMessage Oversize(ReadOnlyMemory<byte> body, AuthenticatedSender sender) => new(body, sender, null, null);

    public static InboundMessage NotRead(ReadOnlyMemory<byte> body, AuthenticatedSender sender, ReturnCode code, string reason) =>
        new(body, sender, null, new UnreadableInput(code, reason));
}

/// <summary>Why input could not be read as a contract; <see cref="Reason"/> never echoes values from the input.</summary>
public sealed record UnreadableInput(ReturnCode Code, string Reason);
