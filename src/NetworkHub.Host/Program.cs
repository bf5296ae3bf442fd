using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NetworkHub.Host.Demo;
using NetworkHub.Host.Hosting;

var builder = WebApplication.CreateBuilder(DemoNetwork.ExpandDemoSwitch(args));
builder.Services.AddNetworkHub(builder.Configuration);

var app = builder.Build();
app.MapGet("/", () => Results.Text("NetworkHub is running. Health: /health/live, /health/ready"));
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.Run();

/// <summary>Entry point, visible to the specs' WebApplicationFactory.</summary>
public partial class Program;
