using System.Globalization;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetworkHub.Testing;

/// <summary>
/// One RabbitMQ node shared by a test collection. xunit only finds collection definitions in the test
/// assembly itself, so a test project declares the collection:
/// <code>
/// [CollectionDefinition(RabbitMqFixture.Collection)]
/// public sealed class BrokerCollection : ICollectionFixture&lt;RabbitMqFixture&gt;;
///
/// [Collection(RabbitMqFixture.Collection)]
/// public sealed class SomeSpecs(RabbitMqFixture broker) { ... broker.Node.AmqpUri ... }
/// </code>
/// Derive to change <see cref="Options"/> (keep a single public constructor taking
/// <see cref="IMessageSink"/>).
/// </summary>
public class RabbitMqFixture : IAsyncLifetime
{
    /// <summary>Conventional collection name; specs in one collection run one after another.</summary>
    public const string Collection = "broker";

    private readonly IMessageSink _diagnostics;
    private RabbitMqNode? _node;

    public RabbitMqFixture(IMessageSink diagnosticMessageSink) => _diagnostics = diagnosticMessageSink;

    public RabbitMqNode Node => _node ?? throw new InvalidOperationException("The RabbitMQ fixture has not been initialised.");

    /// <summary>Shortcut for <c>Node.AmqpUri</c> (guest user).</summary>
    public Uri AmqpUri => Node.AmqpUri;

    protected virtual RabbitMqNodeOptions Options => new();

    public virtual async Task InitializeAsync()
    {
        _node = await RabbitMqNode.StartAsync(Options);
        Report(_node.IsPrivate
            ? $"RabbitMQ node {_node.NodeName} ready on {_node.AmqpUri.Host}:{_node.AmqpPort} in {Seconds(_node.LastStartDuration)} s (folder {_node.WorkingDirectory})"
            : $"Using external RabbitMQ broker {_node.AmqpUri.Host}:{_node.AmqpPort} from {RabbitMqNodeOptions.BrokerUrlVariable}");
    }

    public virtual async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>Writes a line to xunit's diagnostic output (shown when diagnosticMessages is on).</summary>
    protected void Report(string message) => _diagnostics.OnMessage(new DiagnosticMessage(message));

    internal static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
