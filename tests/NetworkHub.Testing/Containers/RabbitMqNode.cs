using System.Globalization;
using RabbitMQ.Client;
using Testcontainers.RabbitMq;

namespace NetworkHub.Testing;

/// <summary>
/// A RabbitMQ broker with its management API, in a container of its own (Testcontainers). The image is
/// <see cref="OfficialImage"/> unless <see cref="ImageVariable"/> names another. A spec that stops, kills or
/// restarts a broker starts its own node; its ports stay the same, so clients reconnect as to a real broker.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    public const string ImageVariable = "NETWORKHUB_RABBITMQ_IMAGE";

    /// <summary>The major version docker-compose.yml deploys.</summary>
    public const string OfficialImage = "rabbitmq:4-management";

    private const int AmqpContainerPort = 5672;
    private const int AmqpsContainerPort = 5671;
    private const int ManagementContainerPort = 15672;
    private const int ManagementTlsContainerPort = 15671;
    private const string AdminUser = "networkhub-admin";
    private const string AdminPassword = "admin-secret-for-tests";

    private readonly RabbitMqContainer _container;
    private readonly ManagementApi _management;

    private RabbitMqNode(string image, int amqpPort, int managementPort, (int Port, int ManagementPort, TestCertificateAuthority Authority)? tls)
    {
        Image = image;
        AmqpPort = amqpPort;
        AmqpsPort = tls?.Port;
        ManagementTlsPort = tls?.ManagementPort;
        ManagementUri = new Uri($"http://{Uri.EscapeDataString(AdminUser)}:{Uri.EscapeDataString(AdminPassword)}@127.0.0.1:{managementPort}/");
        _management = new ManagementApi(ManagementUri);
        var builder = new RabbitMqBuilder(image)
            .WithUsername(AdminUser)
            .WithPassword(AdminPassword)
            .WithPortBinding(amqpPort, AmqpContainerPort)
            .WithPortBinding(managementPort, ManagementContainerPort)
            .WithCreateParameterModifier(ServiceContainers.LoopbackOnly);
        if (tls is var (port, tlsManagementPort, authority))
        {
            // amqps and https listeners beside the plain ones (which the fixture itself keeps using), with the authority's certificate.
            builder = builder
                .WithPortBinding(port, AmqpsContainerPort)
                .WithPortBinding(tlsManagementPort, ManagementTlsContainerPort)
                .WithResourceMapping(File.ReadAllBytes(authority.CaCertificatePath), "/etc/rabbitmq/tls/ca.pem")
                .WithResourceMapping(File.ReadAllBytes(authority.ServerCertificatePath), "/etc/rabbitmq/tls/server.pem")
                .WithResourceMapping(File.ReadAllBytes(authority.ServerKeyPath), "/etc/rabbitmq/tls/server-key.pem")
                .WithResourceMapping(TlsConfiguration, "/etc/rabbitmq/conf.d/20-tls.conf");
        }

        _container = builder.Build();
    }

    private static readonly byte[] TlsConfiguration = """
        listeners.ssl.default = 5671
        ssl_options.cacertfile = /etc/rabbitmq/tls/ca.pem
        ssl_options.certfile = /etc/rabbitmq/tls/server.pem
        ssl_options.keyfile = /etc/rabbitmq/tls/server-key.pem
        ssl_options.versions.1 = tlsv1.3
        ssl_options.versions.2 = tlsv1.2
        management.tcp.port = 15672
        management.ssl.port = 15671
        management.ssl.cacertfile = /etc/rabbitmq/tls/ca.pem
        management.ssl.certfile = /etc/rabbitmq/tls/server.pem
        management.ssl.keyfile = /etc/rabbitmq/tls/server-key.pem

        """u8.ToArray();

    public string Image { get; }

    public int AmqpPort { get; }

    /// <summary>The TLS listener's port, on a node started with <see cref="StartWithTlsAsync"/>.</summary>
    public int? AmqpsPort { get; }

    /// <summary>The broker's administrator on the default virtual host.</summary>
    public Uri AmqpUri => AmqpUriFor(AdminUser, AdminPassword);

    public Uri ManagementUri { get; }

    /// <summary>The management API's https port, on a node started with <see cref="StartWithTlsAsync"/>.</summary>
    public int? ManagementTlsPort { get; }

    /// <summary>The management API over https, as the administrator.</summary>
    public Uri ManagementTlsUri => new UriBuilder(ManagementUri)
    {
        Scheme = Uri.UriSchemeHttps,
        Port = ManagementTlsPort ?? throw new InvalidOperationException("This node serves no TLS."),
    }.Uri;

    public bool IsRunning { get; private set; }

    public TimeSpan LastStartDuration { get; private set; }

    public static Task<RabbitMqNode> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>A node that also serves amqps:// with a certificate of <paramref name="authority"/>.</summary>
    public static Task<RabbitMqNode> StartWithTlsAsync(TestCertificateAuthority authority, CancellationToken cancellationToken = default) =>
        StartAsync(authority, cancellationToken);

    private static async Task<RabbitMqNode> StartAsync(TestCertificateAuthority? authority, CancellationToken cancellationToken)
    {
        var ports = FreePorts.Pick(4);
        var node = new RabbitMqNode(ServiceContainers.Image(ImageVariable, OfficialImage), ports[0], ports[1],
            authority is null ? null : (ports[2], ports[3], authority));
        try
        {
            await node.StartAgainAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>The broker address of a user; over TLS (amqps://, on <see cref="AmqpsPort"/>) when <paramref name="tls"/>.</summary>
    public Uri AmqpUriFor(string user, string password, string virtualHost = "/", bool tls = false) => new UriBuilder(
        tls ? "amqps" : "amqp", "127.0.0.1", tls ? AmqpsPort ?? throw new InvalidOperationException("This node serves no TLS.") : AmqpPort)
    {
        UserName = Uri.EscapeDataString(user),
        Password = Uri.EscapeDataString(password),
        Path = "/" + Uri.EscapeDataString(virtualHost),
    }.Uri;

    /// <summary>A clean stop: the broker shuts down as on a planned restart.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _container.StopAsync(cancellationToken);
        IsRunning = false;
    }

    /// <summary>SIGKILL: the broker dies without a chance to flush or close connections.</summary>
    public async Task KillAsync()
    {
        await ServiceContainers.KillAsync(_container);
        IsRunning = false;
    }

    /// <summary>Starts the broker (again) on the same ports and returns once it accepts AMQP connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        LastStartDuration = await ServiceContainers.StartAsync(_container, ProbeAsync, cancellationToken);
        IsRunning = true;
    }

    /// <summary>Runs rabbitmqctl inside the broker's container; fails with what the tool said.</summary>
    public async Task<string> RunCtlAsync(params string[] arguments)
    {
        var result = await _container.ExecAsync(["rabbitmqctl", .. arguments]);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new CommandFailedException($"rabbitmqctl {string.Join(' ', arguments)}", new CommandResult((int)(result.ExitCode ?? -1), result.Stdout, result.Stderr));
    }

    public Task AddUserAsync(string user, string password, CancellationToken cancellationToken = default) =>
        _management.PutAsync($"users/{ManagementApi.Segment(user)}", new { password, tags = string.Empty }, cancellationToken);

    public Task AddVirtualHostAsync(string virtualHost, CancellationToken cancellationToken = default) =>
        _management.PutAsync($"vhosts/{ManagementApi.Segment(virtualHost)}", new { }, cancellationToken);

    public Task DeleteVirtualHostAsync(string virtualHost, CancellationToken cancellationToken = default) =>
        _management.DeleteAsync($"vhosts/{ManagementApi.Segment(virtualHost)}", cancellationToken);

    /// <summary>Grants <paramref name="user"/> configure/write/read regexes on <paramref name="virtualHost"/>.</summary>
    public Task SetPermissionsAsync(
        string virtualHost, string user, string configure, string write, string read, CancellationToken cancellationToken = default) =>
        _management.PutAsync(
            $"permissions/{ManagementApi.Segment(virtualHost)}/{ManagementApi.Segment(user)}", new { configure, write, read }, cancellationToken);

    /// <summary>Sets a policy, e.g. <c>SetPolicyAsync("dlx", "^orders$", """{"dead-letter-exchange":"dlx"}""")</c>.</summary>
    public Task SetPolicyAsync(
        string name, string pattern, string definitionJson, string virtualHost = "/", string applyTo = "queues", int priority = 0,
        CancellationToken cancellationToken = default) =>
        _management.PutAsync(
            $"policies/{ManagementApi.Segment(virtualHost)}/{ManagementApi.Segment(name)}",
            new Dictionary<string, object>
            {
                ["pattern"] = pattern,
                ["definition"] = ManagementApi.ParseDefinition(definitionJson),
                ["apply-to"] = applyTo,
                ["priority"] = priority,
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _management.Dispose();
        await _container.DisposeAsync();
    }

    public override string ToString() => $"RabbitMQ {Image} on 127.0.0.1:{AmqpPort.ToString(CultureInfo.InvariantCulture)}";

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = AmqpUri }.CreateConnectionAsync(cancellationToken);
        await _management.GetAsync("overview", cancellationToken);
    }
}
