using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NetworkHub.Host.Demo;
using NetworkHub.LiveConsole;

namespace NetworkHub.Host.Hosting;

/// <summary>Builds the hub's web application; used by Program and by specs that run the hub in-process.</summary>
public static class HubApp
{
    /// <param name="args">Command-line arguments, including "--demo" and configuration overrides.</param>
    /// <param name="configureServices">Registrations that take precedence, made after the hub's (specs use it to control the clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(DemoNetwork.ExpandDemoSwitch(args));
        builder.Services.AddNetworkHub(builder.Configuration);
        builder.Services.AddNetworkHubConsole(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect("/console"));
        app.MapNetworkHubConsole();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
