using System.Globalization;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetworkHub.Testing;

/// <summary>
/// One RabbitMQ broker shared by a test collection. xunit only finds collection definitions in the test
/// assembly itself, so a test project declares the collection:
/// <code>
/// [CollectionDefinition(RabbitMqFixture.Collection)]
/// public sealed class BrokerCollection : ICollectionFixture&lt;RabbitMqFixture&gt;;
///
/// [Collection(RabbitMqFixture.Collection)]
/// public sealed class SomeSpecs(RabbitMqFixture broker) { ... broker.Node.AmqpUri ... }
/// </code>
/// Nothing in the collection may stop or kill the shared broker: such a spec starts a node of its own.
/// </summary>
public sealed class RabbitMqFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>Conventional collection name; specs in one collection run one after another.</summary>
    public const string Collection = "broker";

    private RabbitMqNode? _node;

    public RabbitMqNode Node => _node ?? throw new InvalidOperationException("The RabbitMQ fixture has not been initialised.");

    /// <summary>Shortcut for <c>Node.AmqpUri</c> (the broker's administrator).</summary>
    public Uri AmqpUri => Node.AmqpUri;

    public async Task InitializeAsync()
    {
        _node = await RabbitMqNode.StartAsync();
        diagnostics.OnMessage(new DiagnosticMessage($"{_node} ready in {Seconds(_node.LastStartDuration)} s"));
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    internal static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
