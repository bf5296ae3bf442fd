using NetworkHub.Client;

namespace NetworkHub.Specs.Client;

public sealed class BrokerAddressSpecs
{
    [Fact]
    public void An_amqps_address_keeps_tls_and_defaults_to_port_5671()
    {
        var broker = BrokerAddress.Parse(new Uri("amqps://school:p%40ss@broker.example.nl/networkhub"));

        Assert.NotNull(broker.Tls);
        Assert.Equal(("rabbitmqs", 5671, "/networkhub"), (broker.Host.Scheme, broker.Host.Port, broker.Host.AbsolutePath));
        Assert.Equal(("school", "p@ss"), (broker.User, broker.Password));
    }

    [Fact]
    public void An_amqp_address_stays_plaintext_on_port_5672()
    {
        var broker = BrokerAddress.Parse(new Uri("amqp://school:secret@localhost/"), new BrokerTlsOptions { CaCertificatePath = "/ignored.pem" });

        Assert.Null(broker.Tls);
        Assert.Equal(("rabbitmq", 5672), (broker.Host.Scheme, broker.Host.Port));
    }

    [Fact]
    public void A_connection_factory_for_an_amqps_address_enables_tls_for_the_named_host()
    {
        var factory = BrokerAddress.Parse(new Uri("amqps://hub:secret@broker.example.nl:6671/networkhub")).CreateConnectionFactory("spec");

        Assert.True(factory.Ssl.Enabled);
        Assert.Equal("broker.example.nl", factory.Ssl.ServerName);
        Assert.Equal((6671, "networkhub"), (factory.Port, factory.VirtualHost));
    }

    [Theory]
    [InlineData("http://school:secret@broker/")]
    [InlineData("amqp://broker/")]
    public void An_address_with_another_scheme_or_without_credentials_is_refused(string address) =>
        Assert.Throws<ArgumentException>(() => BrokerAddress.Parse(new Uri(address)));
}
