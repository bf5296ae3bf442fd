using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NetworkHub.Client;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Deadlines;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;
using NetworkHub.Core.Timelines;
using NetworkHub.Core.Workflows;
using NetworkHub.Host.Background;
using NetworkHub.Host.Demo;
using NetworkHub.Host.Messaging;

namespace NetworkHub.Host.Hosting;

public static class HubServiceCollectionExtensions
{
    /// <summary>Everything the hub needs, chosen by configuration: transport, database, background work, health.</summary>
    public static IServiceCollection AddNetworkHub(this IServiceCollection services, IConfiguration configuration)
    {
        ContractClassification.EnsureComplete(); // an undeclared contract or property must not go unnoticed until it is sent
        var section = configuration.GetSection(HubOptions.SectionName);
        var options = section.Get<HubOptions>() ?? new HubOptions();
        services.Configure<HubOptions>(section);
        services.Configure<CalendarOptions>(configuration.GetSection(CalendarOptions.SectionName));
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.SectionName));
        services.TryAddSingletonTimeProvider();
        services.AddHubRouting(options, new Pseudonymizer(PseudonymKeys.Resolve(configuration, options)));
        services.AddSingleton<BrokerProvisioner>();
        services.AddSingleton<IntakeSwitch>();
        services.AddSingleton<AmqpIngress>();
        services.AddSingleton<IWireFormat, MassTransitWireFormat>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutboxSweep>();
        services.AddScoped<AlertDesk>();
        services.AddScoped<PrivacyReviewDesk>();
        services.AddScoped<DisclosureAudit>();
        services.AddSingleton<QueuedDispatchRecorder>();
        services.AddSingleton<DispatchRecorder>(sp => sp.GetRequiredService<QueuedDispatchRecorder>());
        services.AddScoped<DeadlineProcessor>();
        services.AddSingleton<IHubTransport>(sp => ActivatorUtilities.CreateInstance<MassTransitHubTransport>(sp, options));
        if (options.Transport == TransportKind.RabbitMq)
        {
            services.AddSingleton<ISenderAuthenticator, RabbitMqUserIdAuthenticator>();
        }
        else
        {
            services.AddSingleton<ISenderAuthenticator, DevelopmentHeaderAuthenticator>();
        }

        // Registered before the bus so the schema, registry and queues exist before the first message; hosted
        // services stop in reverse order, so the marker's and the sealer's last passes come after the bus has stopped.
        services.AddHostedService<HubInitializer>();
        services.AddHostedService<DispatchMarker>();
        services.AddHostedService<AccessLogSealer>();
        services.AddMassTransit(bus => ConfigureBus(bus, options));
        // The partners' ingress endpoints are connected to the started bus, once the registry is loaded.
        services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = true);
        services.AddSingleton<IngressEndpoints>();
        services.AddHostedService(sp => sp.GetRequiredService<IngressEndpoints>());
        services.AddHostedService<OutboxSweeper>();
        services.AddSingleton<LoopHeartbeats>();
        services.AddHubTelemetry(configuration, options);
        services.AddHostedService<DeadlineScanner>();
        if (options.Transport == TransportKind.RabbitMq)
        {
            services.AddHostedService<DeadLetterDrain>();
            services.AddHostedService<TransportRecovery>();
            services.AddConsoleFanOut();
        }
        if (options.Demo)
        {
            services.AddHostedService<DemoTraffic>();
            services.AddHostedService<DemoAccounts>();
            services.AddSingleton<IDeadlineCalendar, DemoDeadlineCalendar>();
        }

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<IntakeSwitch>("intake", tags: ["ready"])
            .AddCheck<LoopHeartbeats>("loops", tags: ["ready"])
            .AddCheck<IntakeLiveness>("intake-stalled", tags: ["live"]);
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void ConfigureBus(IBusRegistrationConfigurator bus, HubOptions options)
    {
        // MassTransit 8.5 reports usage to its vendor over the internet by default; a care network's hub never
        // calls out to third parties.
        bus.DisableUsageTelemetry();

        // MassTransit's own readiness check of the bus and its endpoints (tag "ready"), named for what it says: whether
        // the hub is connected to its broker.
        bus.ConfigureHealthCheckOptions(health => health.Name = "broker");

        if (options.Transport == TransportKind.RabbitMq)
        {
            bus.UsingRabbitMq((_, cfg) =>
            {
                var broker = options.Broker();
                cfg.Host(broker.Host, h =>
                {
                    broker.Configure(h);
                    h.PublisherConfirmation = true;
                });

                // Stamped with the hub's own broker user, which the broker validates: partners accept only what carries it.
                cfg.ConfigureSend(s => s.UseSendExecute(context =>
                {
                    if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                    {
                        rabbit.BasicProperties.UserId = broker.User;
                    }
                }));
            });
        }
        else
        {
            bus.UsingInMemory();
        }
    }
}

internal sealed class DatabaseHealthCheck(HubDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
