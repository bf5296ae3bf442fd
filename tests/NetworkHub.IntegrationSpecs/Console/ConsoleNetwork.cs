using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.LiveConsole.Access;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// A hub on the in-memory transport with its console, as the quick start runs it, and console accounts for the specs:
/// the operations team's operator and privacy officer, the school's operator and privacy officer, and the wijkteam's regisseur. Partners join the hub's bus in
/// this process; the network's clock is the hub's.
/// </summary>
public sealed class ConsoleNetwork : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    public const string OperationsUser = "beheer";
    public const string SchoolUser = "ib-regenboog";
    public const string RegisseurUser = "regisseur-noord";
    public const string PrivacyOfficerUser = "fg-beheer";
    public const string PrivacyUser = "fg-regenboog";

    private readonly string _dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "networkhub-specs", $"console-{Guid.NewGuid():N}"[..20])).FullName;
    private readonly List<HubClient> _clients = [];

    private ConsoleNetwork(SpecClock clock) => Clock = clock;

    public SpecClock Clock { get; }
    public InProcessHub Hub { get; private set; } = null!;

    /// <param name="settings">More of the hub's settings, as command-line arguments (<c>--NetworkHub:Console:…=…</c>).</param>
    /// <param name="configure">Replaces some of the hub's services (a defect, say).</param>
    /// <param name="database">SQLite in the network's folder (the quick start's), unless another is given.</param>
    public static async Task<ConsoleNetwork> StartAsync(SpecClock? clock = null, IEnumerable<string>? settings = null, Action<IServiceCollection>? configure = null,
        HubDatabase? database = null)
    {
        var network = new ConsoleNetwork(clock ?? SpecClock.Running());
        var options = await (database ?? HubDatabase.Sqlite).CreateAsync(network._dataDirectory);
        List<string> onDatabase = options.ConnectionString is { } connection
            ? [$"--NetworkHub:Database={options.Database}", $"--NetworkHub:ConnectionString={connection}"]
            : [];
        network.Hub = await InProcessHub.StartAsync([.. network.Arguments(), .. onDatabase, .. settings ?? []], s =>
        {
            s.AddSingleton<TimeProvider>(network.Clock);
            configure?.Invoke(s);
        });
        return network;
    }

    /// <summary>Connects a partner's system to the hub's bus; it acknowledges what it receives unless told otherwise, and counts raw deliveries.</summary>
    public async Task<PartnerProbe> ConnectAsync(string organisation)
    {
        var probe = new PartnerProbe(organisation, Clock);
        probe.Client = await HubClient.AttachAsync(Hub.Services.GetRequiredService<IBus>(), organisation, probe.HandleAsync,
            probe.CountDeliveries(new InMemoryProcessedMessageStore()), Clock);
        _clients.Add(probe.Client);
        return probe;
    }

    /// <summary>The access log's rows of one kind, oldest first.</summary>
    public async Task<List<AccessLogEntry>> AccessLogAsync(AccessEventKind kind)
    {
        await using var scope = Hub.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HubDbContext>().AccessLog.AsNoTracking().Where(e => e.Event == kind).ToListAsync();
        return [.. rows.OrderBy(e => e.At)];
    }

    private List<string> Arguments()
    {
        var organisations = new (string Code, string Name, OrganisationType Type)[]
        {
            (School, "Basisschool De Regenboog", OrganisationType.School),
            (Wijkteam, "Sociaal Wijkteam Noord", OrganisationType.Wijkteam),
            (Huisarts, "Huisartsenpraktijk De Linde", OrganisationType.Huisarts),
            (VeiligThuis, "Veilig Thuis IJsselland", OrganisationType.VeiligThuis),
        };
        var args = new List<string>
        {
            "--NetworkHub:Transport=InMemory",
            $"--NetworkHub:DataDirectory={_dataDirectory}",
            $"--NetworkHub:Pseudonyms:CurrentKeyId={HubBrokerSpace.PseudonymKeyId}",
            $"--NetworkHub:Pseudonyms:Keys:{HubBrokerSpace.PseudonymKeyId}={HubBrokerSpace.PseudonymKey}",
            "--NetworkHub:DeadlineScanInterval=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
        };
        for (var i = 0; i < organisations.Length; i++)
        {
            args.Add($"--NetworkHub:Organisations:{i}:Code={organisations[i].Code}");
            args.Add($"--NetworkHub:Organisations:{i}:Name={organisations[i].Name}");
            args.Add($"--NetworkHub:Organisations:{i}:Type={organisations[i].Type}");
        }

        return [.. args, .. AccountArguments()];
    }

    /// <summary>The console accounts of the specs, configured as a hub's operators configure them (hashed passwords).</summary>
    public static IEnumerable<string> AccountArguments()
    {
        var accounts = new (string User, string Role, string Organisation)[]
        {
            (OperationsUser, ConsoleRoles.Operator, ConsoleRoles.OperationsTeam),
            (SchoolUser, ConsoleRoles.Operator, School),
            (RegisseurUser, ConsoleRoles.Regisseur, Wijkteam),
            (PrivacyOfficerUser, ConsoleRoles.PrivacyOfficer, ConsoleRoles.OperationsTeam),
            (PrivacyUser, ConsoleRoles.PrivacyOfficer, School),
        };
        for (var i = 0; i < accounts.Length; i++)
        {
            yield return $"--NetworkHub:Console:Accounts:{i}:User={accounts[i].User}";
            yield return $"--NetworkHub:Console:Accounts:{i}:Role={accounts[i].Role}";
            yield return $"--NetworkHub:Console:Accounts:{i}:Organisation={accounts[i].Organisation}";
            yield return $"--NetworkHub:Console:Accounts:{i}:PasswordHash={LocalAccounts.HashPassword(Password)}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Hub.DisposeAsync();
    }
}
