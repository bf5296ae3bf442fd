using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Hosting;
using NetworkHub.IntegrationSpecs.Ledger;
using NetworkHub.Testing;
using RabbitMQ.Client.Exceptions;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// Links over TLS: the hub, its operator tools and the partners' client reach the broker on amqps:// and trust only
/// the roots they are given, on a broker of its own that serves a certificate of an authority made for the run.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class TlsSpecs : IAsyncLifetime
{
    private readonly TestCertificateAuthority _authority = TestCertificateAuthority.Create("127.0.0.1", "localhost");
    private RabbitMqNode _node = null!;
    private TestNetwork _network = null!;

    public async Task InitializeAsync()
    {
        _node = await RabbitMqNode.StartWithTlsAsync(_authority);
        _network = await TestNetwork.CreateAsync(_node, tls: _authority);
    }

    public async Task DisposeAsync()
    {
        await _network.DisposeAsync();
        await _node.DisposeAsync();
        _authority.Dispose();
    }

    [Fact]
    public async Task A_signal_travels_from_the_school_through_the_hub_to_the_wijkteam_over_amqps()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var signal = Messages.SignalFromSchool(_network.Clock);

        await school.Client.SendAsync(signal);

        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
        Assert.Equal("amqps", _network.BrokerUriFor(School).Scheme);
    }

    [Fact]
    public async Task A_link_that_does_not_pin_the_brokers_root_is_refused_before_any_credential_is_sent()
    {
        var broker = BrokerAddress.Parse(_network.BrokerUriFor(School), new BrokerTlsOptions { CheckRevocation = false }); // the machine's roots only

        var refused = await Record.ExceptionAsync(async () => await broker.CreateConnectionFactory("spec").CreateConnectionAsync());

        AssertRefusedByTls(refused);
    }

    [Fact]
    public async Task A_broker_whose_certificate_names_another_host_is_refused_even_with_its_root_pinned()
    {
        using var other = TestCertificateAuthority.Create("broker.elsewhere.example");
        await using var impostor = await RabbitMqNode.StartWithTlsAsync(other);
        await impostor.AddUserAsync("school", "secret");
        var broker = BrokerAddress.Parse(impostor.AmqpUriFor("school", "secret", tls: true),
            new BrokerTlsOptions { CaCertificatePath = other.CaCertificatePath, CheckRevocation = false });

        var refused = await Record.ExceptionAsync(async () => await broker.CreateConnectionFactory("spec").CreateConnectionAsync());

        AssertRefusedByTls(refused);
    }

    [Fact]
    public async Task Provisioning_reaches_the_brokers_management_api_over_https_only_when_it_trusts_the_pinned_root()
    {
        var pinned = new HubOptions
        {
            BrokerManagementUri = _node.ManagementTlsUri,
            BrokerTls = new BrokerTlsOptions { CaCertificatePath = _authority.CaCertificatePath, CheckRevocation = false },
        };
        var unpinned = new HubOptions { BrokerManagementUri = _node.ManagementTlsUri, BrokerTls = new BrokerTlsOptions { CheckRevocation = false } };

        using (var api = pinned.OpenBrokerManagement())
        {
            Assert.False(await api.UserExistsAsync("nobody-by-this-name", CancellationToken.None));
        }

        using var refusing = unpinned.OpenBrokerManagement();
        var refused = await Record.ExceptionAsync(() => refusing.UserExistsAsync("nobody-by-this-name", CancellationToken.None));
        Assert.IsType<HttpRequestException>(refused);
        Assert.Contains(Causes(refused), c => c is System.Security.Authentication.AuthenticationException);
    }

    /// <summary>Refused in the TLS handshake, not for any other reason (a closed port, a wrong password).</summary>
    private static void AssertRefusedByTls(Exception? refused)
    {
        Assert.IsType<BrokerUnreachableException>(refused);
        Assert.Contains(Causes(refused), c => c is System.Security.Authentication.AuthenticationException);
    }

    private static IEnumerable<Exception> Causes(Exception e) =>
        e is AggregateException all ? all.InnerExceptions.SelectMany(Causes).Prepend(e)
        : e.InnerException is { } inner ? Causes(inner).Prepend(e)
        : [e];
}
