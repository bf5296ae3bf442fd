using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Testcontainers.PostgreSql;

namespace NetworkHub.Testing;

/// <summary>
/// A PostgreSQL server in a container of its own (Testcontainers). The image is <see cref="OfficialImage"/>
/// unless <see cref="ImageVariable"/> names another. Give each spec its own database with
/// <see cref="CreateDatabaseAsync(CancellationToken)"/>; a spec that stops or kills the server starts its own.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string ImageVariable = "NETWORKHUB_POSTGRES_IMAGE";

    /// <summary>The major version docker-compose.yml deploys.</summary>
    public const string OfficialImage = "postgres:17";

    private const int ContainerPort = 5432;
    private const string Superuser = "networkhub";
    private const string SuperuserPassword = "secret-for-tests";

    private readonly PostgreSqlContainer _container;
    private readonly ConcurrentDictionary<string, byte> _handedOut = new(StringComparer.Ordinal);

    private PostgresServer(string image, int port)
    {
        Image = image;
        Port = port;
        _container = new PostgreSqlBuilder(image)
            .WithUsername(Superuser)
            .WithPassword(SuperuserPassword)
            .WithDatabase("postgres")
            // fsync=off only matters for power loss; a SIGKILL still leaves every committed write in the
            // kernel's page cache, so crash-and-restart specs keep their meaning.
            .WithCommand("-c", "fsync=off", "-c", "full_page_writes=off")
            .WithPortBinding(port, ContainerPort)
            .WithCreateParameterModifier(ServiceContainers.LoopbackOnly)
            .Build();
    }

    public string Image { get; }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public bool IsRunning { get; private set; }

    public TimeSpan LastStartDuration { get; private set; }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new PostgresServer(ServiceContainers.Image(ImageVariable, OfficialImage), FreePorts.Pick());
        try
        {
            await server.StartAgainAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database)
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = Superuser,
            Password = SuperuserPassword,
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;
        _handedOut.TryAdd(connectionString, 0);
        return connectionString;
    }

    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscores).", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        CreateDatabaseAsync("test_" + Guid.NewGuid().ToString("N")[..12], cancellationToken);

    /// <summary>A clean (fast) shutdown, as on a planned restart.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _container.StopAsync(cancellationToken);
        IsRunning = false;
        ClearPools();
    }

    /// <summary>SIGKILL to the server: no checkpoint, no goodbye to its clients.</summary>
    public async Task KillAsync()
    {
        await ServiceContainers.KillAsync(_container);
        IsRunning = false;
        ClearPools();
    }

    /// <summary>Starts the server (again) on the same port and returns once it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        LastStartDuration = await ServiceContainers.StartAsync(_container, ProbeAsync, cancellationToken);
        IsRunning = true;
    }

    public async ValueTask DisposeAsync()
    {
        ClearPools();
        await _container.DisposeAsync();
    }

    public override string ToString() => $"PostgreSQL {Image} on {Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
    }

    private void ClearPools()
    {
        // Pooled connections to a killed or stopped server are dead; drop them so the next open
        // connects afresh instead of failing on a broken socket.
        foreach (var connectionString in _handedOut.Keys)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
