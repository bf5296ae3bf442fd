using MassTransit;
using NetworkHub.Core.Ingress;
using NetworkHub.Client;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// The AMQP adapter of the ingress pipeline: the first filter on each partner's ingress endpoint, and the last, since it hands
/// every delivery to <see cref="IngressPipeline"/> and never passes it on. So MassTransit's consumers, fault messages
/// (which would carry the whole message to addresses a partner chose) and error queues are never involved. A delivery
/// is acknowledged once the pipeline is done with it; when intake is unavailable the delivery goes back to the queue
/// and intake pauses until the hub can record again.
/// </summary>
public sealed class AmqpIngress(ISenderAuthenticator authenticator, IngressPipeline pipeline, IngressLimits limits, IntakeSwitch intake) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var body = context.Body.GetBytes();
        var sender = authenticator.Authenticate(context);
        var inbound = MassTransitEnvelope.Receive(body, sender, limits);
        if (MessageTrace.Read(context.TransportHeaders) is { } trace)
        {
            inbound = inbound with { Trace = trace }; // the sender's trace, which the hub continues
        }

        try
        {
            await pipeline.ReceiveAsync(inbound, context.CancellationToken);
        }
        catch (IntakeUnavailableException unavailable)
        {
            intake.Pause(unavailable.Message);
            throw; // MassTransit rejects the delivery with requeue: it stays in the partner's ingress queue
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("networkhub-ingress");
}
