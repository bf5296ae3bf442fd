namespace NetworkHub.Client;

public sealed record HubClientOptions
{
    /// <summary>The organisation code this partner sends and receives as.</summary>
    public required string Organisation { get; init; }

    /// <summary>The broker, with the organisation's own credentials: amqp://user:password@host:port/vhost, or amqps:// for TLS.</summary>
    public required Uri BrokerUri { get; init; }

    /// <summary>How an amqps:// link checks the broker's certificate and presents the organisation's own.</summary>
    public BrokerTlsOptions? Tls { get; init; }

    /// <summary>
    /// The hub's own broker user. The broker validates the user-id of every message, so a delivery carrying this one
    /// comes from the hub; any other delivery in the organisation's queue is rejected (see <see cref="OnRejected"/>).
    /// </summary>
    public string HubBrokerUser { get; init; } = "networkhub";

    /// <summary>Told of every delivery rejected because it did not come from the hub (log or alert it); never given the body.</summary>
    public Action<RejectedDelivery>? OnRejected { get; init; }

    /// <summary>How many messages the broker may hand this partner before it answers the first.</summary>
    public ushort PrefetchCount { get; init; } = 32;

    /// <summary>
    /// How long one send may wait for the broker (a channel, then the confirm) before it fails; after a broker restart
    /// a send can otherwise wait forever. Send the same message again after a failure: the hub deduplicates on its id.
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock that dates the acknowledgements and returns this client sends; the system clock unless a test sets one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
