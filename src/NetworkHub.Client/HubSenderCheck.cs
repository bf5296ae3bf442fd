using MassTransit;

namespace NetworkHub.Client;

/// <summary>
/// The first receive filter of a partner's queue on RabbitMQ: only a delivery whose broker-validated user-id is the
/// hub's own broker user goes on to the application. Anything else (published into the queue by another user, or
/// with no user-id at all) is reported through <see cref="HubClientOptions.OnRejected"/> and acknowledged without being
/// handed on, so it is neither processed nor redelivered.
/// </summary>
internal sealed class HubSenderCheck(string hubUser, Action<RejectedDelivery>? report) : IFilter<ReceiveContext>
{
    public Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var properties = context.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Properties : null;
        if (properties?.UserId == hubUser)
        {
            return next.Send(context);
        }

        report?.Invoke(new RejectedDelivery(properties?.MessageId, properties?.UserId,
            properties?.UserId is null ? "The delivery carries no user-id." : "The delivery's user-id is not the hub's broker user."));
        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("networkhub-hub-sender-check");
}
