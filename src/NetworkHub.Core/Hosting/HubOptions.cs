using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Broker;
using NetworkHub.Core.Registry;

namespace NetworkHub.Core.Hosting;

public enum TransportKind
{
    /// <summary>Everything in one process: the quick start and the demo.</summary>
    InMemory,
    RabbitMq,
}

public enum DatabaseProvider
{
    /// <summary>An embedded file in the data directory: the quick start.</summary>
    Sqlite,
    PostgreSql,
}

/// <summary>The hub's settings, section "NetworkHub" (see the configuration table in README.md).</summary>
public sealed class HubOptions
{
    public const string SectionName = "NetworkHub";

    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    /// <summary>amqp://user:password@host:port/vhost of the hub's own broker user.</summary>
    public Uri? RabbitMqUri { get; set; }

    /// <summary>
    /// http://admin:password@host:15672/ of the broker's management API, for partner provisioning; by default the
    /// RabbitMQ URI's host and user on port 15672 (https on 15671 for amqps://). Over https the broker's certificate is
    /// checked as <see cref="BrokerTls"/> says, with the same pinned roots as the AMQP link.
    /// </summary>
    public Uri? BrokerManagementUri { get; set; }

    /// <summary>
    /// At start, bring every registered partner's broker permissions, limits, queues and policy to what
    /// <c>networkhub partners provision</c> sets (never creating users or changing passwords: that is the tool's).
    /// </summary>
    public bool ProvisionPartnersOnStart { get; set; }

    /// <summary>Per-partner broker limits: connections, channels, queue length.</summary>
    public PartnerBrokerLimits PartnerBroker { get; set; } = new();

    public Uri RequireBrokerManagementUri() => BrokerManagementUri ?? BrokerManagementApi.DerivedFrom(RequireRabbitMqUri());

    /// <summary>A client for the broker's management API, over https checked against the same roots as the AMQP link.</summary>
    public BrokerManagementApi OpenBrokerManagement()
    {
        var uri = RequireBrokerManagementUri();
        return new BrokerManagementApi(uri, uri.Scheme == Uri.UriSchemeHttps ? BrokerTls.ToHttpsOptions() : null);
    }

    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL connection string; for SQLite, optional (default: hub.db in the data directory).</summary>
    public string? ConnectionString { get; set; }

    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Apply pending schema migrations at start (under a database-wide lock). When false, a start with pending
    /// migrations fails and names the command that applies them (<c>networkhub db migrate</c>).
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Partner organisations registered at start-up (added or updated, never removed).</summary>
    public List<OrganisationOptions> Organisations { get; set; } = [];

    /// <summary>Run simulated partners exchanging realistic traffic (in-memory transport only).</summary>
    public bool Demo { get; set; }

    public ushort IngressPrefetchCount { get; set; } = 64;
    public int IngressConcurrency { get; set; } = 16;

    /// <summary>Larger messages are quarantined and returned with PayloadTooLarge.</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often, and for messages older than what, unsent outbox rows are sent by the sweeper.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan OutboxSweepAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many sweeps that could not send it, an outbox row is parked and an operator alert raised.</summary>
    public int OutboxParkAfter { get; set; } = 20;

    /// <summary>How long one send may wait for the broker's confirm before it counts as failed and is retried.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While intake is paused by an outage, how often the hub checks whether it can record again.</summary>
    public TimeSpan IntakeProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an ingress that consumed before may have no consumer, without an outage to explain it, before the hub
    /// restarts its bus (the host's <c>TransportRecovery</c>).
    /// </summary>
    public TimeSpan TransportRestartAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the ingress may have no consumer, without an outage to explain it, before liveness fails.</summary>
    public TimeSpan IntakeStallLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a background loop (deadline scanner, outbox sweeper, access-log sealer, dispatch marker, dead-letter
    /// drain) may go without completing a pass before readiness fails naming it; never less than three of its intervals.
    /// </summary>
    public TimeSpan LoopStallLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>OpenTelemetry export: off unless an OTLP endpoint is configured.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>For an amqps:// <see cref="RabbitMqUri"/>: the roots to trust and the hub's own certificate.</summary>
    public BrokerTlsOptions BrokerTls { get; set; } = new();

    public Uri RequireRabbitMqUri() =>
        RabbitMqUri ?? throw new InvalidOperationException($"{SectionName}:RabbitMqUri is required when {SectionName}:Transport is RabbitMq.");

    /// <summary>The broker the hub connects to, with its TLS settings.</summary>
    public BrokerAddress Broker() => BrokerAddress.Parse(RequireRabbitMqUri(), BrokerTls);
}

public sealed class OrganisationOptions
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public OrganisationType Type { get; set; } = OrganisationType.Other;
    public string? BrokerUser { get; set; }

    public RegisteredOrganisation ToRegistered() =>
        string.IsNullOrWhiteSpace(Code) || string.IsNullOrWhiteSpace(Name)
            ? throw new InvalidOperationException("Every configured organisation needs a Code and a Name.")
            : new(Code, Name, Type, BrokerUser);
}
