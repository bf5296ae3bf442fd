namespace NetworkHub.Client;

/// <summary>An amqp://user:password@host:port/vhost URI split into what MassTransit's RabbitMQ host wants.</summary>
public sealed record BrokerAddress(Uri Host, string User, string Password)
{
    public static BrokerAddress Parse(Uri amqpUri)
    {
        var parts = amqpUri.UserInfo.Split(':', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new ArgumentException("The broker URI must carry a user and password: amqp://user:password@host:port/vhost.", nameof(amqpUri));
        }

        var vhost = amqpUri.AbsolutePath is "" or "/" ? "/" : amqpUri.AbsolutePath;
        var host = new UriBuilder("rabbitmq", amqpUri.Host, amqpUri.IsDefaultPort ? 5672 : amqpUri.Port, vhost).Uri;
        return new BrokerAddress(host, Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]));
    }
}
