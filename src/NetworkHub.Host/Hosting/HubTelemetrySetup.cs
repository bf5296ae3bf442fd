using NetworkHub.Client;
using NetworkHub.Core.Telemetry;
using NetworkHub.Host.Background;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NetworkHub.Host.Hosting;

/// <summary>
/// OpenTelemetry export over OTLP, configured rather than wired in: on when <c>NetworkHub:Telemetry:OtlpEndpoint</c> or the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and otherwise not registered at all, so nothing listens, no span
/// is started and no backlog is queried (docs/observability.md).
/// </summary>
public static class HubTelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, IConfiguration configuration, HubOptions options)
    {
        services.AddHostedService<BacklogSampler>(); // reads the backlog only while someone collects the gauges
        var telemetry = options.Telemetry;
        if (telemetry.OtlpEndpoint is null && string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            return services;
        }

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? telemetry.ServiceName))
            .WithTracing(tracing => tracing.AddHubSources(telemetry))
            .WithMetrics(metrics => metrics.AddHubMeters());
        // Logs go the same way, with the trace and span they were written in.
        if (telemetry.OtlpEndpoint is { } endpoint)
        {
            builder.UseOtlpExporter(telemetry.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, endpoint);
        }
        else
        {
            builder.UseOtlpExporter(); // the standard OTEL_EXPORTER_OTLP_* variables say where and how
        }

        return services;
    }

    /// <summary>
    /// The hub's spans, the client library's (the demo's simulated partners use it in this process), and incoming HTTP
    /// requests (the console), health probes left out. MassTransit's own source is not added: the hub traces each
    /// message itself, with plain W3C headers that partners without MassTransit understand.
    /// </summary>
    public static TracerProviderBuilder AddHubSources(this TracerProviderBuilder tracing, TelemetryOptions telemetry)
    {
        tracing.AddSource(HubTelemetry.Name, HubClientTelemetry.SourceName)
            .AddAspNetCoreInstrumentation(http => http.Filter = context => !context.Request.Path.StartsWithSegments("/health"));
        if (telemetry.DatabaseCommandSpans)
        {
            tracing.AddSource("Npgsql"); // Npgsql's own source: statements with their parameters' names, never their values
        }

        return tracing;
    }

    public static MeterProviderBuilder AddHubMeters(this MeterProviderBuilder metrics) => metrics.AddMeter(HubTelemetry.Name);
}
