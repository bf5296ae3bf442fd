using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Client;
using NetworkHub.Core.Persistence;
using NetworkHub.Host.Hosting;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// The hub in-process (<see cref="HubApp"/>, production settings) on its own corner of the benchmark's broker node:
/// a virtual host with a broker user per organisation, an empty data directory, and SQLite or PostgreSQL. Partners
/// connect as their own broker users and are disconnected before the hub stops.
/// </summary>
public sealed class BenchmarkHub : IAsyncDisposable
{
    private readonly HubBrokerSpace _space;
    private readonly string _dataDirectory;
    private readonly List<HubClient> _partners = [];
    private WebApplication? _app;

    private BenchmarkHub(HubBrokerSpace space)
    {
        _space = space;
        _dataDirectory = Path.Combine(Path.GetTempPath(), "networkhub-bench", space.VirtualHost);
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true); // left by an interrupted run: every run starts empty
        }

        Directory.CreateDirectory(_dataDirectory);
    }

    /// <param name="name">The virtual host, also the name of the data directory.</param>
    /// <param name="postgresConnectionString">Null for the embedded SQLite database.</param>
    /// <param name="settings">More hub settings, in command-line form.</param>
    public static async Task<BenchmarkHub> StartAsync(RabbitMqNode node, string name, IReadOnlyList<TestOrganisation> organisations,
        string? postgresConnectionString, IReadOnlyList<string>? settings = null)
    {
        var hub = new BenchmarkHub(await HubBrokerSpace.CreateAsync(node, name, organisations));
        try
        {
            // The hub provisions the partner queues, so it starts before any partner connects.
            hub._app = HubApp.Build([.. hub.Arguments(postgresConnectionString), .. settings ?? []]);
            await hub._app.StartAsync();
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    private List<string> Arguments(string? postgresConnectionString)
    {
        var args = _space.HubArguments(_dataDirectory);
        args.Add("--urls=http://127.0.0.1:0");
        if (postgresConnectionString is not null)
        {
            args.Add("--NetworkHub:Database=PostgreSql");
            args.Add($"--NetworkHub:ConnectionString={postgresConnectionString}");
        }

        return args;
    }

    /// <summary>The broker address of an organisation's own broker user, for a partner that does not use HubClient.</summary>
    public Uri BrokerUriFor(string organisation) => _space.BrokerUriFor(organisation);

    /// <summary>An organisation's broker user: the AMQP user-id its messages carry.</summary>
    public string BrokerUser(string organisation) => _space.BrokerUser(organisation);

    /// <summary>Connects a partner as its own broker user; it is disconnected with the hub.</summary>
    public async Task<HubClient> ConnectAsync(string organisation, HubMessageHandler handler, IProcessedMessageStore? store = null)
    {
        var client = await HubClient.ConnectAsync(
            new HubClientOptions { Organisation = organisation, BrokerUri = _space.BrokerUriFor(organisation), HubBrokerUser = _space.BrokerUser("hub") }, handler, store);
        _partners.Add(client);
        return client;
    }

    /// <summary>The running hub's services (its readiness checks, for one).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Reads the hub's own database, as an operator would.</summary>
    public async Task<T> QueryAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var partner in Enumerable.Reverse(_partners))
        {
            await partner.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _space.DeleteAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
