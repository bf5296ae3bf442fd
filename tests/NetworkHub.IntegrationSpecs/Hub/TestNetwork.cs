using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Cli;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Hosting;
using NetworkHub.IntegrationSpecs.Ledger;
using Npgsql;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>One spec's network on the shared broker: a school, a wijkteam and a huisarts, and their clients, and the hub's database.</summary>
public sealed class TestNetwork : IAsyncDisposable
{
    public const string School = "school-de-regenboog";
    public const string Wijkteam = "wijkteam-noord";
    public const string Huisarts = "huisarts-de-linde";
    public const string VeiligThuis = "veilig-thuis-ijsselland";
    public const string Politie = "politie-ijsselland";
    public const string Raad = "raad-kinderbescherming-oost";
    public const string Gi = "gi-jeugdbescherming-overijssel";
    public const string Schuldhulp = "schuldhulp-stadsbank";

    private readonly HubBrokerSpace _space;
    private readonly List<HubClient> _clients = [];
    private readonly Dictionary<PartnerProbe, IProcessedMessageStore> _inboxes = [];

    private readonly HubOptions _database;
    private readonly BrokerTlsOptions? _tls;

    private TestNetwork(HubBrokerSpace space, SpecClock clock, HubOptions database, BrokerTlsOptions? tls)
    {
        _space = space;
        Clock = clock;
        _database = database;
        _tls = tls;
    }

    public string DataDirectory => _database.DataDirectory;

    /// <summary>The clock of the hub, the partners and the messages of this network.</summary>
    public SpecClock Clock { get; }

    /// <summary>
    /// A network whose clock runs from <see cref="SpecClock.MondayMorning"/> unless another is given, and whose hubs
    /// keep their records in SQLite unless another database is given. With <paramref name="tls"/>, hub and partners connect
    /// over amqps:// and trust only that authority's root.
    /// </summary>
    public static async Task<TestNetwork> CreateAsync(RabbitMqNode node, SpecClock? clock = null, HubDatabase? database = null, TestCertificateAuthority? tls = null)
    {
        var space = await HubBrokerSpace.CreateAsync(node, $"spec-{Guid.NewGuid():N}"[..17],
        [
            new TestOrganisation(School, "Basisschool De Regenboog", OrganisationType.School),
            new TestOrganisation(Wijkteam, "Sociaal Wijkteam Noord", OrganisationType.Wijkteam),
            new TestOrganisation(Huisarts, "Huisartsenpraktijk De Linde", OrganisationType.Huisarts),
            new TestOrganisation(VeiligThuis, "Veilig Thuis IJsselland", OrganisationType.VeiligThuis),
            new TestOrganisation(Politie, "Politie IJsselland", OrganisationType.Politie),
            new TestOrganisation(Raad, "Raad voor de Kinderbescherming Oost", OrganisationType.RaadVoorDeKinderbescherming),
            new TestOrganisation(Gi, "Jeugdbescherming Overijssel", OrganisationType.GecertificeerdeInstelling),
            new TestOrganisation(Schuldhulp, "Stadsbank (schuldhulp)", OrganisationType.Schuldhulp),
        ], tls: tls is not null);
        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "networkhub-specs", space.VirtualHost)).FullName;
        var pinned = tls is null ? null : new BrokerTlsOptions { CaCertificatePath = tls.CaCertificatePath, CheckRevocation = false }; // a test root has no revocation list
        return new(space, clock ?? SpecClock.Running(), await (database ?? HubDatabase.Sqlite).CreateAsync(dataDirectory), pinned);
    }

    public Uri BrokerUriFor(string organisation) => _space.BrokerUriFor(organisation);

    /// <summary>The organisation's broker address with another password (one the operator tool printed, say).</summary>
    public Uri BrokerUriFor(string organisation, string password) => _space.BrokerUriFor(organisation, password);

    /// <summary>The broker user an organisation of this network connects as, registered or not.</summary>
    public string BrokerUser(string organisation) => _space.BrokerUser(organisation);

    /// <summary>The setting that lets the operator tool provision partners on this network's broker.</summary>
    public string BrokerManagementSetting => $"--NetworkHub:BrokerManagementUri={_space.ManagementUri}";

    /// <summary>A broker user on this network's virtual host that is registered to no organisation; returns its broker address.</summary>
    public Task<Uri> AddUnregisteredBrokerUserAsync(string name) => _space.AddUnregisteredUserAsync(name);

    /// <summary>Hub settings for this network, with timers short enough for specs.</summary>
    public List<string> HubArguments(params string[] extra) =>
    [
        .. _space.HubArguments(DataDirectory),
        .. _database.Database == DatabaseProvider.PostgreSql
            ? ["--NetworkHub:Database=PostgreSql", $"--NetworkHub:ConnectionString={_database.ConnectionString}"]
            : Array.Empty<string>(),
        "--NetworkHub:DeadlineScanInterval=00:00:00.200",
        "--NetworkHub:OutboxSweepInterval=00:00:01",
        "--NetworkHub:OutboxSweepAge=00:00:02",
        .. _tls is null ? Array.Empty<string>()
            : [$"--NetworkHub:BrokerTls:CaCertificatePath={_tls.CaCertificatePath}", "--NetworkHub:BrokerTls:CheckRevocation=false"],
        .. extra,
    ];

    /// <summary>Starts a hub in this process on this network and its clock.</summary>
    public Task<InProcessHub> StartHubAsync(params string[] extra) => StartHubAsync(_ => { }, extra);

    /// <summary>Starts a hub in this process with some of its services replaced by <paramref name="replace"/>.</summary>
    public Task<InProcessHub> StartHubAsync(Action<IServiceCollection> replace, params string[] extra) =>
        InProcessHub.StartAsync(HubArguments(extra), s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            replace(s);
        });

    /// <summary>The hub's database, opened as the operator tools open it.</summary>
    public HubDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubDatabase(_database);
        return new HubDbContext(options.Options);
    }

    /// <summary>Runs the audit tool on the hub's database, configured as the hub is.</summary>
    public async Task<(string Output, int ExitCode)> AuditAsync(params string[] command)
    {
        using var output = new StringWriter();
        var exit = await NetworkHubCommand.RunAsync([.. command, .. HubArguments()], output, CancellationToken.None, Clock);
        return (output.ToString(), exit);
    }

    /// <summary>The pupil's parents consent to the school sharing with the wijkteam and the huisarts; returns once the hub registered it.</summary>
    public static async Task GiveConsentAsync(PartnerProbe school)
    {
        var consent = Messages.ConsentFromSchool(school.Clock, Wijkteam, Huisarts);
        await school.Client.SendAsync(consent);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == consent.MessageId);
    }

    /// <summary>A signal for the hub's index only (as with the Verwijsindex) about a child, under the sender's own reference.</summary>
    public static Signaal IndexSignal(TimeProvider clock, string from, string? bsn, string ownReference) => Messages.SignalFromSchool(clock) with
    {
        SenderOrganisation = from,
        Recipients = [],
        Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = bsn, SenderReference = ownReference },
        LegalBasis = null,
        ConsentReference = null,
        Purpose = Purpose.Coordination,
    };

    /// <summary>Sends a message to the hub itself (its index, its registers) and waits until the hub has registered it.</summary>
    public static async Task RegisterAsync(PartnerProbe partner, HubMessage message)
    {
        await partner.Client.SendAsync(message);
        await partner.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == message.MessageId);
    }

    /// <summary>The child Veilig Thuis hands over to the wijkteam.</summary>
    public static readonly SubjectReference HandOverChild = new() { Role = SubjectRole.Child, SenderReference = "vt-2026-0042-k1", BirthDate = new DateOnly(2018, 5, 2) };

    private const string HandOverConsentId = "vt-toestemming-0042";

    /// <summary>The parents consent to Veilig Thuis handing their child over to the wijkteam; returns once the hub registered it.</summary>
    public static async Task GiveConsentForHandOverAsync(PartnerProbe veiligThuis)
    {
        var consent = Messages.ConsentFromSchool(veiligThuis.Clock, Wijkteam) with
        {
            SenderOrganisation = VeiligThuis,
            Subject = HandOverChild,
            ConsentId = HandOverConsentId,
            CreatedAt = veiligThuis.Clock.GetUtcNow(),
        };
        await veiligThuis.Client.SendAsync(consent);
        await veiligThuis.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == consent.MessageId);
    }

    /// <summary>A complete warm hand-over of <see cref="HandOverChild"/> from Veilig Thuis to the wijkteam, under the parents' consent.</summary>
    public static WarmeOverdrachtOffered HandOverOffer(TimeProvider clock) =>
        ExampleHandOver.FromVeiligThuis(VeiligThuis, Wijkteam, HandOverChild, HandOverConsentId, clock.GetUtcNow());

    /// <summary>
    /// Connects a partner. With <paramref name="durableInbox"/> its client remembers handled messages in a file, as a
    /// partner that must survive its own restarts does (<see cref="RestartAsync"/>); otherwise in memory. A
    /// <paramref name="password"/> replaces the one the network gave its users.
    /// </summary>
    public async Task<PartnerProbe> ConnectAsync(string organisation, bool durableInbox = false, string? password = null)
    {
        var probe = new PartnerProbe(organisation, Clock);
        await ConnectClientAsync(probe, durableInbox, password);
        return probe;
    }

    /// <summary>Stops the partner's client and connects it again, as a partner system restarting mid-way.</summary>
    public async Task RestartAsync(PartnerProbe probe)
    {
        _clients.Remove(probe.Client);
        await probe.Client.DisposeAsync();
        (_inboxes[probe] as IDisposable)?.Dispose();
        await ConnectClientAsync(probe, durableInbox: true);
    }

    private async Task ConnectClientAsync(PartnerProbe probe, bool durableInbox, string? password = null)
    {
        IProcessedMessageStore inbox = durableInbox
            ? new FileProcessedMessageStore(Path.Combine(DataDirectory, probe.Organisation + ".handled"))
            : new InMemoryProcessedMessageStore();
        var options = new HubClientOptions
        {
            Organisation = probe.Organisation, BrokerUri = password is null ? BrokerUriFor(probe.Organisation) : BrokerUriFor(probe.Organisation, password), Tls = _tls, HubBrokerUser = _space.BrokerUser("hub"), Clock = Clock,
        };
        probe.Client = await HubClient.ConnectAsync(options, probe.HandleAsync, probe.CountDeliveries(inbox));
        _clients.Add(probe.Client);
        _inboxes[probe] = inbox;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var inbox in _inboxes.Values.OfType<IDisposable>())
        {
            inbox.Dispose();
        }

        await _space.DeleteAsync();
        if (_database.Database == DatabaseProvider.PostgreSql)
        {
            // Every network has a database of its own: close the connections its hubs left idle in the pool, or the
            // networks after it would find the server full.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(_database.ConnectionString));
        }
    }
}
