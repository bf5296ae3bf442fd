namespace NetworkHub.Contracts.Topology;

/// <summary>
/// Names on the broker that hub and partners agree on. Part of the wire, like the message types:
/// each partner writes only to its own <see cref="Ingress"/> exchange and reads only its own <see cref="PartnerQueue"/>.
/// </summary>
public static class HubTopology
{
    /// <summary>
    /// The single ingress queue of earlier releases, shared by every partner. Nothing is sent there any more; it names
    /// the legacy error queue the dead-letter drain still empties.
    /// </summary>
    public const string LegacyIngressQueue = "hub.ingress";

    /// <summary>Fan-out exchange on which the hub publishes operator events (alerts, live feed).</summary>
    public const string EventsExchange = "hub.events";

    /// <summary>Queue bound to <see cref="EventsExchange"/>: operator events are kept until the console or an operator tool reads them.</summary>
    public const string EventsQueue = "hub.events";

    /// <summary>Where the broker dead-letters messages rejected from hub and partner queues.</summary>
    public const string DeadLetterExchange = "hub.dead-letter";
    public const string DeadLetterQueue = "hub.dead-letter";

    /// <summary>Organisation code the hub uses as sender of its own messages (returns, alerts).</summary>
    public const string HubOrganisation = "hub";

    /// <summary>
    /// Header naming the sender on transports that cannot authenticate it (the in-memory demo only);
    /// on RabbitMQ the hub trusts only the broker-validated AMQP user-id.
    /// </summary>
    public const string DevelopmentSenderHeader = "NetworkHub-Sender";

    /// <summary>
    /// W3C Trace Context (https://www.w3.org/TR/trace-context/) as plain message headers, whatever the client library:
    /// a partner that sends one has its trace continued through the hub to the recipient, and the hub sends one with
    /// every message. Never required; a message without it starts a new trace.
    /// </summary>
    public const string TraceParentHeader = "traceparent";

    /// <summary>The vendor part of W3C Trace Context, passed on with <see cref="TraceParentHeader"/> when present.</summary>
    public const string TraceStateHeader = "tracestate";

    public static string PartnerQueue(string organisation) => $"partner.{organisation}";

    /// <summary>
    /// A partner's own way in to the hub: an exchange and a queue of this name. The broker serves each partner's queue
    /// on its own, so one partner's backlog never waits in front of another's messages.
    /// </summary>
    public static string Ingress(string organisation) => $"hub.ingress.{organisation}";

    /// <summary>
    /// Arguments of every hub and partner queue. Whoever declares a queue first must use exactly these,
    /// or the broker refuses the other side's declaration: quorum (replicated, durable), at-least-once
    /// dead-lettering so nothing is dropped, and a delivery limit so a poison message cannot loop forever.
    /// </summary>
    public static IReadOnlyDictionary<string, object> QueueArguments { get; } = new Dictionary<string, object>
    {
        ["x-queue-type"] = "quorum",
        ["x-dead-letter-exchange"] = DeadLetterExchange,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
        ["x-delivery-limit"] = 50,
    };
}
