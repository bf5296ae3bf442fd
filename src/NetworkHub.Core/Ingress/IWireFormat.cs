using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Ingress;

/// <summary>
/// How partners' messages look on the wire. An adapter inside the hub (the console) writes what it sends the same way
/// and reads it back as the AMQP adapter reads a delivery, so its messages are checked, kept in quarantine and replayed
/// exactly like a partner's.
/// </summary>
public interface IWireFormat
{
    ReadOnlyMemory<byte> Write(HubMessage message);

    InboundMessage Read(ReadOnlyMemory<byte> body, AuthenticatedSender sender);
}
