using MassTransit;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;

namespace NetworkHub.Host.Messaging;

/// <summary>Who sent a message, as the transport proves it: never taken from the message body.</summary>
public interface ISenderAuthenticator
{
    AuthenticatedSender Authenticate(ReceiveContext context);
}

/// <summary>
/// On RabbitMQ the broker validates the AMQP user-id property against the connection's user, so it cannot be
/// forged; the registry maps that user to its organisation.
/// </summary>
public sealed class RabbitMqUserIdAuthenticator(OrganisationRegistry registry) : ISenderAuthenticator
{
    public AuthenticatedSender Authenticate(ReceiveContext context)
    {
        var user = context.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Properties.UserId : null;
        return new AuthenticatedSender(user is null ? null : registry.FindByBrokerUser(user)?.Code, user ?? "(no user-id)");
    }
}

/// <summary>The in-memory transport has no connections to authenticate: trusts a header. Development and demo only.</summary>
public sealed class DevelopmentHeaderAuthenticator(OrganisationRegistry registry) : ISenderAuthenticator
{
    public AuthenticatedSender Authenticate(ReceiveContext context)
    {
        var code = context.TransportHeaders.Get<string>(HubTopology.DevelopmentSenderHeader);
        return new AuthenticatedSender(code is null ? null : registry.Find(code)?.Code, code ?? "(no sender header)");
    }
}
