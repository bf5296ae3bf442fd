using MassTransit;
using RabbitMQ.Client;

namespace NetworkHub.Client;

/// <summary>
/// An amqp:// or amqps:// broker URI (amqp://user:password@host:port/vhost) split into what MassTransit's RabbitMQ host
/// and RabbitMQ.Client want. amqps:// means TLS (port 5671 unless given), checked as <see cref="BrokerTlsOptions"/> say.
/// </summary>
public sealed record BrokerAddress(Uri Host, string User, string Password, BrokerTlsOptions? Tls)
{
    public const int AmqpPort = 5672;
    public const int AmqpsPort = 5671;

    public static BrokerAddress Parse(Uri amqpUri, BrokerTlsOptions? tls = null)
    {
        var secure = amqpUri.Scheme switch
        {
            "amqp" => false,
            "amqps" => true,
            _ => throw new ArgumentException("The broker URI must start with amqp:// or, for TLS, amqps://.", nameof(amqpUri)),
        };
        var parts = amqpUri.UserInfo.Split(':', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new ArgumentException("The broker URI must carry a user and password: amqp://user:password@host:port/vhost.", nameof(amqpUri));
        }

        var vhost = amqpUri.AbsolutePath is "" or "/" ? "/" : amqpUri.AbsolutePath;
        var port = amqpUri.IsDefaultPort ? (secure ? AmqpsPort : AmqpPort) : amqpUri.Port;
        var host = new UriBuilder(secure ? "rabbitmqs" : "rabbitmq", amqpUri.Host, port, vhost).Uri;
        return new BrokerAddress(host, Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]), secure ? tls ?? new BrokerTlsOptions() : null);
    }

    /// <summary>Credentials and, for amqps://, TLS on a MassTransit RabbitMQ host.</summary>
    public void Configure(IRabbitMqHostConfigurator host)
    {
        host.Username(User);
        host.Password(Password);
        if (Tls is { } tls)
        {
            host.UseSsl(ssl => tls.Configure(ssl, Host.Host));
        }
    }

    /// <summary>A RabbitMQ.Client connection factory for the same broker, user and TLS settings.</summary>
    public ConnectionFactory CreateConnectionFactory(string clientName)
    {
        var factory = new ConnectionFactory
        {
            HostName = Host.Host,
            Port = Host.Port,
            VirtualHost = Uri.UnescapeDataString(Host.AbsolutePath.TrimStart('/')) is { Length: > 0 } vhost ? vhost : "/",
            UserName = User,
            Password = Password,
            ClientProvidedName = clientName,
        };
        if (Tls is { } tls)
        {
            factory.Ssl = tls.ToSslOption(Host.Host);
        }

        return factory;
    }
}
