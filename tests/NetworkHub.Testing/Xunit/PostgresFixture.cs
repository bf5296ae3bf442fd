using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetworkHub.Testing;

/// <summary>
/// One PostgreSQL server shared by a test collection; see <see cref="RabbitMqFixture"/> for how a
/// test project declares the collection. Give each spec its own database with
/// <see cref="PostgresServer.CreateDatabaseAsync(CancellationToken)"/>.
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    /// <summary>Conventional collection name; specs in one collection run one after another.</summary>
    public const string Collection = "postgres";

    private readonly IMessageSink _diagnostics;
    private PostgresServer? _server;

    public PostgresFixture(IMessageSink diagnosticMessageSink) => _diagnostics = diagnosticMessageSink;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not been initialised.");

    protected virtual PostgresServerOptions Options => new();

    public virtual async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync(Options);
        Report(_server.IsPrivate
            ? $"PostgreSQL ready on {_server.Host}:{_server.Port}: initdb {RabbitMqFixture.Seconds(_server.InitDuration)} s, start {RabbitMqFixture.Seconds(_server.LastStartDuration)} s (folder {_server.WorkingDirectory})"
            : $"Using external PostgreSQL {_server.Host}:{_server.Port} from {PostgresServerOptions.ConnectionStringVariable}");
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected void Report(string message) => _diagnostics.OnMessage(new DiagnosticMessage(message));
}
