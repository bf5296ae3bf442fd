using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Host.Hosting;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>The hub running inside the spec's process, on a real broker and database.</summary>
public sealed class InProcessHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHub(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessHub> StartAsync(IEnumerable<string> args, Action<IServiceCollection>? configure = null)
    {
        var app = HubApp.Build([.. args, "--urls=http://127.0.0.1:0"], configure);
        await app.StartAsync();
        return new InProcessHub(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
