using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Deadlines;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Workflows;
using NetworkHub.Core.Time;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;
using NetworkHub.Client;

namespace NetworkHub.IntegrationSpecs.Ledger;

/// <summary>Stands in for the broker: remembers what the hub sent where; can refuse destinations and take its time.</summary>
public sealed class RecordingTransport : IHubTransport
{
    public ConcurrentQueue<(string Destination, HubMessage Message)> Sent { get; } = new();

    /// <summary>Destinations whose sends fail, as when a partner's queue is gone.</summary>
    public ConcurrentDictionary<string, bool> Refusing { get; } = new();

    public TimeSpan Latency { get; set; }

    /// <summary>The trace each message was last sent in, by message id.</summary>
    public ConcurrentDictionary<Guid, MessageTrace?> Traces { get; } = new();

    public int SentTo(string destination) => Sent.Count(s => s.Destination == destination);

    public async Task SendToOrganisationAsync(string organisation, HubMessage message, MessageTrace? trace, CancellationToken ct)
    {
        await Task.Delay(Latency, ct);
        if (Refusing.ContainsKey(organisation))
        {
            throw new HubTransportUnavailableException($"No queue for {organisation}.", new InvalidOperationException("unroutable"));
        }

        Sent.Enqueue((organisation, message));
        Traces[message.MessageId] = trace;
    }

    public Task PublishEventAsync(HubMessage message, MessageTrace? trace, CancellationToken ct)
    {
        Sent.Enqueue((OutboxDestinations.Events, message));
        return Task.CompletedTask;
    }
}

/// <summary>The hub's ledger (router, dispatcher, deadlines) on a real database, without a broker.</summary>
public sealed class LedgerHarness : IAsyncDisposable
{
    private readonly Func<DbContextOptions<HubDbContext>> _options;
    private readonly OrganisationRegistry _registry = new();
    private readonly List<HubDbContext> _contexts = [];

    private LedgerHarness(Func<DbContextOptions<HubDbContext>> options) => _options = options;

    public SpecClock Clock { get; } = SpecClock.Frozen();
    public RecordingTransport Transport { get; } = new();

    /// <summary>Acknowledgements in these specs are due three days after sending (the calendar has its own specs).</summary>
    public static readonly TimeSpan AcknowledgementWindow = TimeSpan.FromDays(3);

    public static async Task<LedgerHarness> CreateAsync(Func<DbContextOptions<HubDbContext>> options)
    {
        var harness = new LedgerHarness(options);
        var db = harness.NewContext();
        await db.Database.EnsureDeletedAsync();
        await SchemaMigrator.MigrateAsync(db, _ => { }, CancellationToken.None);
        await harness._registry.UpsertAsync(db,
        [
            new RegisteredOrganisation("school-de-regenboog", "Basisschool De Regenboog", OrganisationType.School, "school"),
            new RegisteredOrganisation("wijkteam-noord", "Sociaal Wijkteam Noord", OrganisationType.Wijkteam, "wijkteam"),
            new RegisteredOrganisation("huisarts-de-linde", "Huisartsenpraktijk De Linde", OrganisationType.Huisarts, "huisarts"),
            new RegisteredOrganisation("veilig-thuis-ijsselland", "Veilig Thuis IJsselland", OrganisationType.VeiligThuis, "veilig-thuis"),
        ], CancellationToken.None);

        // The family consented to the school sharing with the wijkteam and the huisarts.
        var consent = await harness.DeliverAsync(Messages.ConsentFromSchool(harness.Clock, "wijkteam-noord", "huisarts-de-linde"), "school-de-regenboog");
        if (consent.Outcome != RoutingOutcome.Registered)
        {
            throw new InvalidOperationException($"The spec's consent was not registered: {consent.Code}.");
        }

        harness.Transport.Sent.Clear();
        return harness;
    }

    public HubDbContext NewContext()
    {
        var db = new HubDbContext(_options());
        _contexts.Add(db);
        return db;
    }

    public HandOffRouter Router(HubDbContext db)
    {
        var ledger = new HandOffLedger(db, new FixedDeadline(AcknowledgementWindow));
        var consents = new ConsentStore(db);
        var accessLog = new AccessLogStore(db);
        return new HandOffRouter(db, _registry, ledger, Gate, Pseudonyms, consents,
            new ConsentDesk(db, consents, accessLog, Pseudonyms, ledger, NullLogger<ConsentDesk>.Instance), Signals(db), Evaluations(db), Workflows(db, ledger), accessLog,
            new Disclosures(new RecipientProjector(Pseudonyms), _registry), new SubjectKeyAliases(db, Pseudonyms), Clock, NullLogger<HandOffRouter>.Instance);
    }

    private WorkflowSet Workflows(HubDbContext db, HandOffLedger ledger)
    {
        var signals = Signals(db);
        return new WorkflowSet(ledger, signals, new HandOverWorkflow(db, new FixedDeadline(AcknowledgementWindow), Pseudonyms, signals),
            new RegieWorkflow(db, Pseudonyms, signals), new CaseClosure(db, Pseudonyms, signals), new EscalationWorkflow(db), new MdoWorkflow(db, Pseudonyms, new FamilyInvolvement(db)),
            Evaluations(db), new SafetyConcernWatch(db, new FixedDeadline(AcknowledgementWindow)));
    }

    private EvaluationWorkflow Evaluations(HubDbContext db) =>
        new(db, _registry, Pseudonyms, new FixedDeadline(AcknowledgementWindow), new WorkingDayCalendar(new CalendarOptions()));

    public static readonly Pseudonymizer Pseudonyms = new(new PseudonymOptions
    {
        CurrentKeyId = "spec",
        Keys = { ["spec"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) },
    });

    private static readonly PrivacyGate Gate = new(new PrivacyPolicy(PolicyTable.Default, Pseudonyms), new RecipientProjector(Pseudonyms));

    public OutboxDispatcher Dispatcher(HubDbContext db) => new(db, Transport, new ImmediateDispatchRecorder(db, Clock));

    public OutboxSweep Sweep(HubDbContext db) => new(db, Dispatcher(db), new AlertDesk(db, Clock), Clock);

    public DeadlineProcessor Deadlines(HubDbContext db) =>
        new(db, Dispatcher(db), Workflows(db, new HandOffLedger(db, new FixedDeadline(AcknowledgementWindow))), Clock, NullLogger<DeadlineProcessor>.Instance);

    private static SignalIndex Signals(HubDbContext db) =>
        new(db, Pseudonyms, new FixedDeadline(AcknowledgementWindow), Options.Create(new DeadlineOptions()));

    /// <summary>What the ingress does for one delivery: record, then send.</summary>
    public async Task<RoutingResult> DeliverAsync(HubMessage message, string? fromOrganisation)
    {
        var db = NewContext();
        var result = await Router(db).AcceptAsync(message, new AuthenticatedSender(fromOrganisation, fromOrganisation), ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        await Dispatcher(db).DispatchAsync(result, CancellationToken.None);
        await new AccessLogStore(db).SealAsync(1000, CancellationToken.None); // what the hub's sealer does moments later

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _contexts)
        {
            await db.DisposeAsync();
        }
    }

    private sealed class FixedDeadline(TimeSpan window) : IDeadlineCalendar
    {
        public DateTimeOffset DueAfter(DateTimeOffset sentAt, DeadlineKind kind) => sentAt + window;
    }
}
