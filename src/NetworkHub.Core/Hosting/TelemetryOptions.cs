namespace NetworkHub.Core.Hosting;

/// <summary>OpenTelemetry export, section "NetworkHub:Telemetry" (docs/observability.md).</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// The OTLP collector, e.g. http://otel-collector:4317. Without it (and without the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) nothing is exported and no span is recorded.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>With <see cref="OtlpEndpoint"/>: "grpc" (port 4317) or "http/protobuf" (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The service name the hub reports as, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public string ServiceName { get; set; } = "networkhub";

    /// <summary>How often the gauges read the backlog (outbox age, quarantine, deadline and sealer lag) while exporting.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A span per database command on PostgreSQL (SQL text with parameters, never their values); many per hand-off, so off by default.</summary>
    public bool DatabaseCommandSpans { get; set; }
}
