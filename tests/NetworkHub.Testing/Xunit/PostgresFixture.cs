using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetworkHub.Testing;

/// <summary>
/// One PostgreSQL server shared by a test collection; see <see cref="RabbitMqFixture"/> for how a test
/// project declares the collection. Give each spec its own database with
/// <see cref="PostgresServer.CreateDatabaseAsync(CancellationToken)"/>.
/// </summary>
public sealed class PostgresFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>Conventional collection name; specs in one collection run one after another.</summary>
    public const string Collection = "postgres";

    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not been initialised.");

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        diagnostics.OnMessage(new DiagnosticMessage($"{_server} ready in {RabbitMqFixture.Seconds(_server.LastStartDuration)} s"));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
