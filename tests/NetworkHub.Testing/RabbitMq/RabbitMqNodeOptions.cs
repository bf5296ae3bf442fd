namespace NetworkHub.Testing;

/// <summary>How <see cref="RabbitMqNode.StartAsync"/> provides a broker.</summary>
public sealed record RabbitMqNodeOptions
{
    public const string BrokerUrlVariable = "RABBITMQ_URL";
    public const string ManagementUrlVariable = "RABBITMQ_MANAGEMENT_URL";

    /// <summary>
    /// An existing broker (<c>amqp://user:pass@host:port/vhost</c>) to use instead of starting a
    /// private node. Defaults to the <c>RABBITMQ_URL</c> environment variable; set to null to
    /// always start a private node.
    /// </summary>
    public string? ExternalBrokerUrl { get; init; } = FromEnvironment(BrokerUrlVariable);

    /// <summary>
    /// Management API of the external broker (<c>http://user:pass@host:15672/</c>), used for
    /// users, permissions and policies. Defaults to <c>RABBITMQ_MANAGEMENT_URL</c>.
    /// </summary>
    public string? ExternalManagementUrl { get; init; } = FromEnvironment(ManagementUrlVariable);

    /// <summary>Short node name (the part before <c>@localhost</c>); random when null.</summary>
    public string? NodeName { get; init; }

    /// <summary>Enables <c>rabbitmq_management</c> on a free loopback port (boot takes a few seconds longer).</summary>
    public bool EnableManagement { get; init; }

    /// <summary>Extra <c>rabbitmq.conf</c> lines, e.g. <c>"default_queue_type = quorum"</c>.</summary>
    public IReadOnlyList<string> ExtraConfiguration { get; init; } = [];

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Where Debian keeps the real scripts; the /usr/sbin wrappers switch user and use the system cookie.</summary>
    public string BinDirectory { get; init; } = "/usr/lib/rabbitmq/bin";

    internal static string? FromEnvironment(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
