using NetworkHub.Core.Hosting;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// The database a spec network's hub runs on: SQLite in the network's folder (the default), or a PostgreSQL
/// database of the network's own on the collection's server. Hub specs run on both, as deployments do.
/// </summary>
public sealed class HubDatabase
{
    private readonly PostgresServer? _server;

    private HubDatabase(PostgresServer? server) => _server = server;

    public static HubDatabase Sqlite { get; } = new(null);

    public static HubDatabase PostgreSql(PostgresFixture postgres) => new(postgres.Server);

    /// <summary>The database settings of one network: its SQLite file in <paramref name="dataDirectory"/>, or a new PostgreSQL database.</summary>
    public async Task<HubOptions> CreateAsync(string dataDirectory) => _server is null
        ? new HubOptions { DataDirectory = dataDirectory }
        : new HubOptions { DataDirectory = dataDirectory, Database = DatabaseProvider.PostgreSql, ConnectionString = await _server.CreateDatabaseAsync() };

    public override string ToString() => _server is null ? "SQLite" : "PostgreSQL";
}
