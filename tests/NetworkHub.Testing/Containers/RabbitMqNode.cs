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
    private const int ManagementContainerPort = 15672;
    private const string AdminUser = "networkhub-admin";
    private const string AdminPassword = "admin-secret-for-tests";

    private readonly RabbitMqContainer _container;
    private readonly ManagementApi _management;

    private RabbitMqNode(string image, int amqpPort, int managementPort)
    {
        Image = image;
        AmqpPort = amqpPort;
        ManagementUri = new Uri($"http://{Uri.EscapeDataString(AdminUser)}:{Uri.EscapeDataString(AdminPassword)}@127.0.0.1:{managementPort}/");
        _management = new ManagementApi(ManagementUri);
        _container = new RabbitMqBuilder(image)
            .WithUsername(AdminUser)
            .WithPassword(AdminPassword)
            .WithPortBinding(amqpPort, AmqpContainerPort)
            .WithPortBinding(managementPort, ManagementContainerPort)
            .WithCreateParameterModifier(ServiceContainers.LoopbackOnly)
            .Build();
    }

    public string Image { get; }

    public int AmqpPort { get; }

    /// <summary>The broker's administrator on the default virtual host.</summary>
    public Uri AmqpUri => AmqpUriFor(AdminUser, AdminPassword);

    public Uri ManagementUri { get; }

    public bool IsRunning { get; private set; }

    public TimeSpan LastStartDuration { get; private set; }

    public static async Task<RabbitMqNode> StartAsync(CancellationToken cancellationToken = default)
    {
        var ports = FreePorts.Pick(2);
        var node = new RabbitMqNode(ServiceContainers.Image(ImageVariable, OfficialImage), ports[0], ports[1]);
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

    public Uri AmqpUriFor(string user, string password, string virtualHost = "/") => new UriBuilder("amqp", "127.0.0.1", AmqpPort)
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
