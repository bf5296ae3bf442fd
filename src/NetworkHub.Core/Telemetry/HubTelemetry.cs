using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NetworkHub.Core.Telemetry;

/// <summary>
/// The hub's spans and metrics, both named <see cref="Name"/> (docs/observability.md). They cost next to nothing while no
/// exporter listens: spans are only started when the source has listeners, and instruments do nothing unless enabled.
/// Names, attributes and labels hold contract names, organisation codes, message ids and return codes: never personal data.
/// </summary>
public static class HubTelemetry
{
    public const string Name = "NetworkHub";

    private static readonly string? Version = typeof(HubTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);
}
