using System.Diagnostics;
using MassTransit;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Client;

/// <summary>
/// What a partner system uses to talk to the hub: send messages to the hub's ingress, and receive the
/// messages addressed to the organisation, each handed to the application once and answered with an
/// acknowledgement or a return message automatically.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly string _organisation;
    private readonly ISendEndpointProvider _sender;
    private readonly Func<Task> _stop;
    private readonly bool _stampDevelopmentSender;
    private readonly TimeSpan _sendTimeout;

    private HubClient(string organisation, ISendEndpointProvider sender, Func<Task> stop, bool stampDevelopmentSender, TimeSpan sendTimeout)
    {
        _organisation = organisation;
        _sender = sender;
        _stop = stop;
        _stampDevelopmentSender = stampDevelopmentSender;
        _sendTimeout = sendTimeout;
    }

    public string Organisation => _organisation;

    /// <summary>
    /// Connects to the hub's RabbitMQ broker as the organisation's own broker user. Only deliveries whose validated
    /// user-id is <see cref="HubClientOptions.HubBrokerUser"/> reach <paramref name="handler"/>.
    /// </summary>
    public static async Task<HubClient> ConnectAsync(HubClientOptions options, HubMessageHandler handler,
        IProcessedMessageStore? store = null, CancellationToken ct = default)
    {
        var broker = BrokerAddress.Parse(options.BrokerUri, options.Tls);
        var inbox = new PartnerInbox(options.Organisation, handler, store ?? new InMemoryProcessedMessageStore(), options.Clock);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker.Host, broker.Configure);

            // The broker validates the AMQP user-id against the connection: the hub trusts nothing else as sender.
            cfg.ConfigureSend(s => s.UseSendExecute(context =>
            {
                if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                {
                    rabbit.BasicProperties.UserId = broker.User;
                }
            }));

            cfg.ReceiveEndpoint(HubTopology.PartnerQueue(options.Organisation), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.PrefetchCount = options.PrefetchCount;
                HubQueues.Configure(e);
                e.ConfigureReceive(r => r.UseFilter(new HubSenderCheck(options.HubBrokerUser, options.OnRejected)));
                inbox.Configure(e);
            });
        });

        await bus.StartAsync(ct).ConfigureAwait(false);
        var client = new HubClient(options.Organisation, bus, () => bus.StopAsync(), stampDevelopmentSender: false, options.SendTimeout);
        inbox.Client = client;
        return client;
    }

    /// <summary>
    /// Joins a bus that already runs in this process (the in-memory demo and tests): the organisation gets a
    /// receive endpoint on that bus, and its messages carry a development sender header instead of a broker user.
    /// </summary>
    public static async Task<HubClient> AttachAsync(IBus bus, string organisation, HubMessageHandler handler,
        IProcessedMessageStore? store = null, TimeProvider? clock = null)
    {
        var inbox = new PartnerInbox(organisation, handler, store ?? new InMemoryProcessedMessageStore(), clock ?? TimeProvider.System);
        var handle = bus.ConnectReceiveEndpoint(HubTopology.PartnerQueue(organisation), e => inbox.Configure(e));
        await handle.Ready.ConfigureAwait(false);
        var client = new HubClient(organisation, bus, () => handle.StopAsync(), stampDevelopmentSender: true, TimeSpan.FromSeconds(30));
        inbox.Client = client;
        return client;
    }

    /// <summary>
    /// Sends a message to the hub, through the organisation's own ingress. Returns when the broker has confirmed it, or fails within the send timeout; retry
    /// with the same message id on failure.
    /// </summary>
    public Task SendAsync(HubMessage message, CancellationToken ct = default) => SendAsync(message, null, ct);

    /// <summary>
    /// Sends in the trace of the current span, or else of <paramref name="continuing"/> (the message this one answers), so
    /// that the hub continues it; the span of the send is the parent the hub sees.
    /// </summary>
    internal async Task SendAsync(HubMessage message, MessageTrace? continuing, CancellationToken ct)
    {
        if (message.SenderOrganisation != _organisation)
        {
            throw new ArgumentException($"This client sends for '{_organisation}', not '{message.SenderOrganisation}'.", nameof(message));
        }

        using var span = HubClientTelemetry.StartSend(message, continuing);
        var trace = MessageTrace.Of(span ?? Activity.Current) ?? continuing;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(_sendTimeout);
        var endpoint = await _sender.GetSendEndpoint(new Uri($"exchange:{HubTopology.Ingress(_organisation)}")).WaitAsync(bounded.Token).ConfigureAwait(false);
        await endpoint.Send(message, message.GetType(), context =>
        {
            context.MessageId = message.MessageId;
            context.CorrelationId = message.CorrelationId;
            if (_stampDevelopmentSender)
            {
                context.Headers.Set(HubTopology.DevelopmentSenderHeader, _organisation);
            }

            trace?.WriteTo(context.Headers);
        }, bounded.Token).WaitAsync(bounded.Token).ConfigureAwait(false); // MassTransit does not honour the token at every step
    }

    public async ValueTask DisposeAsync() => await _stop().ConfigureAwait(false);
}
