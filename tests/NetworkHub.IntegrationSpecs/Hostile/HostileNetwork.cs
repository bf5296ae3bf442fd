using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.IntegrationSpecs.Hub;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>
/// One hub shared by every case of a spec class (an xunit class fixture), with every organisation of the network
/// connected so that a delivery to any of them is counted, and raw publishers for what no <c>HubClient</c> would send:
/// the school, the huisarts and the wijkteam as their own broker users, the school leaving out its user-id, and a broker user no
/// organisation is registered to.
/// <para>
/// The hub takes one ingress message at a time (<c>IngressConcurrency=1</c>): a case's input is published, with
/// confirms, before its good signal, so the hub has wholly handled it, including sending whatever it caused, before
/// it takes the good signal. Anything the input wrongly caused for the wijkteam is in the wijkteam's queue ahead of
/// the good signal, so counting deliveries once the good signal has arrived needs no waiting.
/// </para>
/// </summary>
public class HostileNetwork(RabbitMqFixture broker) : IAsyncLifetime
{
    /// <summary>The hub's size limit here: small, so oversize input stays cheap to build.</summary>
    public const int MaxMessageBytes = 4096;

    public const string Stranger = "onbekend-account";

    public TestNetwork Network { get; private set; } = null!;
    public InProcessHub Hub { get; private set; } = null!;
    public PartnerProbe School { get; private set; } = null!;
    public PartnerProbe Wijkteam { get; private set; } = null!;
    public PartnerProbe Huisarts { get; private set; } = null!;

    /// <summary>Every organisation of the network, connected.</summary>
    public IReadOnlyList<PartnerProbe> Partners { get; private set; } = [];

    public RawPartner RawSchool { get; private set; } = null!;
    public RawPartner RawHuisarts { get; private set; } = null!;
    public RawPartner RawWijkteam { get; private set; } = null!;

    /// <summary>A broker user of the network's virtual host that no organisation is registered to.</summary>
    public RawPartner RawStranger { get; private set; } = null!;

    public SpecClock Clock => Network.Clock;

    /// <summary>Hub settings for its database; none for the embedded SQLite database.</summary>
    protected virtual Task<string[]> DatabaseArgumentsAsync() => Task.FromResult<string[]>([]);

    public async Task InitializeAsync()
    {
        Network = await TestNetwork.CreateAsync(broker.Node);
        Hub = await Network.StartHubAsync([$"--NetworkHub:MaxMessageBytes={MaxMessageBytes}", "--NetworkHub:IngressConcurrency=1", .. await DatabaseArgumentsAsync()]);
        var partners = new List<PartnerProbe>();
        foreach (var organisation in new[] { TestNetwork.School, TestNetwork.Wijkteam, TestNetwork.Huisarts, VeiligThuis, Politie, Raad, Gi })
        {
            partners.Add(await Network.ConnectAsync(organisation));
        }

        Partners = partners;
        School = partners.Single(p => p.Organisation == TestNetwork.School);
        Wijkteam = partners.Single(p => p.Organisation == TestNetwork.Wijkteam);
        Huisarts = partners.Single(p => p.Organisation == TestNetwork.Huisarts);
        RawSchool = await RawPartner.ConnectAsync(Network.BrokerUriFor(TestNetwork.School), TestNetwork.School);
        RawHuisarts = await RawPartner.ConnectAsync(Network.BrokerUriFor(TestNetwork.Huisarts), TestNetwork.Huisarts);
        RawWijkteam = await RawPartner.ConnectAsync(Network.BrokerUriFor(TestNetwork.Wijkteam), TestNetwork.Wijkteam);
        RawStranger = await RawPartner.ConnectAsync(await Network.AddUnregisteredBrokerUserAsync(Stranger), TestNetwork.School);
        await GiveConsentAsync(School);
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var raw in new RawPartner?[] { RawSchool, RawHuisarts, RawWijkteam, RawStranger }.OfType<RawPartner>())
        {
            await raw.DisposeAsync();
        }

        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        if (Network is not null)
        {
            await Network.DisposeAsync();
        }
    }

    public PartnerProbe Probe(string organisation) => Partners.Single(p => p.Organisation == organisation);

    /// <summary>A signal from the school that the wijkteam may receive (the pupil's parents consented).</summary>
    public Signaal GoodSignal() => Ledger.Messages.SignalFromSchool(Clock);

    /// <summary>Sends <paramref name="message"/> as the school and returns once the wijkteam has it.</summary>
    public async Task<HubMessage> DeliverAsync(HubMessage message)
    {
        await School.Client.SendAsync(message);
        return await Wijkteam.WaitForAsync<HubMessage>(m => m.MessageId == message.MessageId);
    }

    /// <summary>The hub's quarantine rows that <paramref name="match"/> selects.</summary>
    public async Task<List<QuarantineEntry>> QuarantineAsync(Func<IQueryable<QuarantineEntry>, IQueryable<QuarantineEntry>> match)
    {
        await using var scope = Hub.Services.CreateAsyncScope();
        return await match(scope.ServiceProvider.GetRequiredService<HubDbContext>().Quarantine.AsNoTracking()).ToListAsync();
    }
}

/// <summary>The same network with the hub on a PostgreSQL server of its own, which stores text more strictly than SQLite.</summary>
public sealed class PostgreSqlHostileNetwork(RabbitMqFixture broker) : HostileNetwork(broker)
{
    private PostgresServer? _database;

    protected override async Task<string[]> DatabaseArgumentsAsync()
    {
        _database = await PostgresServer.StartAsync();
        return ["--NetworkHub:Database=PostgreSql", $"--NetworkHub:ConnectionString={_database.ConnectionString(await _database.CreateDatabaseAsync())}"];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
