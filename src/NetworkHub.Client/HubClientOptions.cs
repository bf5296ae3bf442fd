namespace NetworkHub.Client;

public sealed record HubClientOptions
{
    /// <summary>The organisation code this partner sends and receives as.</summary>
    public required string Organisation { get; init; }

    /// <summary>The broker, with the organisation's own credentials: amqp://user:password@host:port/vhost.</summary>
    public required Uri BrokerUri { get; init; }

    /// <summary>How many messages the broker may hand this partner before it answers the first.</summary>
    public ushort PrefetchCount { get; init; } = 32;

    internal (string User, string Password) Credentials()
    {
        var parts = BrokerUri.UserInfo.Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0
            ? (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]))
            : throw new ArgumentException("The broker URI must carry the organisation's user and password.", nameof(BrokerUri));
    }

    /// <summary>The broker address without credentials, in the form MassTransit expects.</summary>
    internal Uri HostAddress()
    {
        var vhost = BrokerUri.AbsolutePath is "" or "/" ? "/" : BrokerUri.AbsolutePath;
        return new UriBuilder("rabbitmq", BrokerUri.Host, BrokerUri.IsDefaultPort ? 5672 : BrokerUri.Port, vhost).Uri;
    }
}
