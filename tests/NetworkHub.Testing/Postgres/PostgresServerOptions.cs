namespace NetworkHub.Testing;

/// <summary>How <see cref="PostgresServer.StartAsync"/> provides a database server.</summary>
public sealed record PostgresServerOptions
{
    public const string ConnectionStringVariable = "POSTGRES_URL";

    /// <summary>
    /// An existing server (an Npgsql connection string) to use instead of a private one. Defaults to
    /// the <c>POSTGRES_URL</c> environment variable; set to null to always start a private server.
    /// </summary>
    public string? ExternalConnectionString { get; init; } = RabbitMqNodeOptions.FromEnvironment(ConnectionStringVariable);

    /// <summary>Folder with initdb, pg_ctl and postgres; the newest /usr/lib/postgresql/*/bin when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Extra server settings, passed as <c>-c name=value</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>initdb refuses to run as root, so as root the server runs as this account.</summary>
    public string SystemUser { get; init; } = "postgres";
}
