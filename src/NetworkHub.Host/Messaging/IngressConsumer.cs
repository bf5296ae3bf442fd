using MassTransit;
using Microsoft.Extensions.Options;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Ingress for one contract: record, then send, then return (MassTransit acks the delivery only after that).
/// A redelivered message finds its inbox row and only sends what is still unsent.
/// </summary>
public sealed class IngressConsumer<T>(
    HandOffRouter router,
    RawInputQuarantine quarantine,
    OutboxDispatcher dispatcher,
    ISenderAuthenticator authenticator,
    IOptions<HubOptions> options) : IConsumer<T> where T : HubMessage
{
    public async Task Consume(ConsumeContext<T> context)
    {
        var sender = authenticator.Authenticate(context.ReceiveContext);
        var body = context.ReceiveContext.Body.GetBytes();
        var result = body.Length > options.Value.MaxMessageBytes
            ? await quarantine.QuarantineAsync(body, sender, ReturnCode.PayloadTooLarge,
                $"The message is {body.Length} bytes; the hub accepts at most {options.Value.MaxMessageBytes}.", context.CancellationToken)
            : await router.AcceptAsync(context.Message, sender, body, context.CancellationToken);

        await dispatcher.DispatchAsync(result, context.CancellationToken);
    }
}
