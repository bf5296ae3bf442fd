using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Workflows;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// Warm hand-overs through the hub, each driven through its whole lifecycle by two partners that react to what
/// reaches them. Veilig Thuis offers a child's case to the wijkteam (with the family's consent, a safety assessment
/// and bodemeisen); when the offer reaches the wijkteam, the wijkteam accepts; when the acceptance reaches Veilig
/// Thuis, the wijkteam confirms first contact; when that reaches Veilig Thuis, the wijkteam completes the hand-over.
/// The hub checks each step against the hand-over's state, records it and routes it; each step is also a hand-off
/// that the recipient's client acknowledges back through the hub.
/// </summary>
public sealed class WorkflowScenario : IAsyncDisposable
{
    public const string VeiligThuis = "veilig-thuis-ijsselland";
    public const string Wijkteam = "wijkteam-noord";

    /// <summary>The transitions of one hand-over, in lifecycle order; the receiver takes every step after the offer.</summary>
    public static IReadOnlyList<string> Steps { get; } = ["offered", "accepted", "first contact confirmed", "completed"];

    private static readonly TestOrganisation[] Organisations =
    [
        new(VeiligThuis, "Veilig Thuis IJsselland", OrganisationType.VeiligThuis),
        new(Wijkteam, "Sociaal Wijkteam Noord", OrganisationType.Wijkteam),
    ];

    private static readonly DateOnly BirthDate = new(2018, 5, 2);

    private readonly BenchmarkHub _hub;
    private readonly ConcurrentDictionary<Guid, byte> _acknowledged = new();
    private HubClient _veiligThuis = null!;
    private HubClient _wijkteam = null!;
    private int _awaitingAcknowledgement;
    private int _handOvers;
    private volatile Batch? _current;
    private volatile string? _failure;

    private WorkflowScenario(BenchmarkHub hub) => _hub = hub;

    /// <param name="postgresConnectionString">Null for the embedded SQLite database.</param>
    public static async Task<WorkflowScenario> StartAsync(RabbitMqNode node, string name, string? postgresConnectionString)
    {
        var scenario = new WorkflowScenario(await BenchmarkHub.StartAsync(node, name, Organisations, postgresConnectionString));
        scenario._wijkteam = await scenario._hub.ConnectAsync(Wijkteam, scenario.WijkteamReceivesAsync);
        scenario._veiligThuis = await scenario._hub.ConnectAsync(VeiligThuis, scenario.VeiligThuisReceivesAsync);
        return scenario;
    }

    /// <summary>
    /// Registers the consent for each hand-over's child (not measured), then drives <paramref name="handOvers"/>
    /// hand-overs from offer to completion with at most <paramref name="concurrency"/> under way.
    /// </summary>
    public async Task<Run> RunAsync(int handOvers, int concurrency, TimeSpan stall)
    {
        var batch = new Batch(handOvers);
        await Parallel.ForEachAsync(Enumerable.Range(0, handOvers), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) => await SendAsync(_veiligThuis, Consent(batch.HandOvers[i]), ct));
        await WaitForAcknowledgementsAsync(stall);

        batch.Run = new ChainedRun(handOvers, Steps, concurrency, index => SendStepAsync(batch, index));
        _current = batch;
        await batch.Run.DriveAsync(stall);
        Interlocked.Add(ref _handOvers, handOvers);
        return batch.Run.Run;
    }

    /// <summary>Waits until every message sent has its acknowledgement back, so one batch's tail does not load the next.</summary>
    public async Task<TimeSpan> WaitForAcknowledgementsAsync(TimeSpan stall)
    {
        var clock = Stopwatch.StartNew();
        var seen = -1;
        var progress = Stopwatch.StartNew();
        while (_acknowledged.Count < Volatile.Read(ref _awaitingAcknowledgement))
        {
            if (_acknowledged.Count != seen)
            {
                seen = _acknowledged.Count;
                progress.Restart();
            }
            else if (progress.Elapsed > stall)
            {
                throw new BenchmarkFailedException(
                    $"Only {_acknowledged.Count} of {_awaitingAcknowledgement} acknowledgements came back; none for {stall.TotalSeconds:0} s.");
            }

            ThrowIfFailed();
            await Task.Delay(20);
        }

        ThrowIfFailed();
        return clock.Elapsed;
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new BenchmarkFailedException(failure);
        }
    }

    /// <summary>
    /// Checks the hub's own records: every hand-over driven here is Completed, every step was acknowledged by its
    /// recipient, and the hub returned or quarantined nothing. Throws when anything is off.
    /// </summary>
    public async Task<string> VerifyAsync()
    {
        var states = await _hub.QueryAsync(db => db.HandOvers.AsNoTracking().GroupBy(h => h.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync());
        var completed = states.Where(s => s.State == HandOverState.Completed).Sum(s => s.Count);
        var open = await _hub.QueryAsync(db => db.HandOffs.AsNoTracking().CountAsync(h => h.State != HandOffState.Acknowledged));
        var refused = await _hub.QueryAsync(db => db.Inbox.AsNoTracking()
            .CountAsync(i => i.Outcome == InboxOutcome.Returned || i.Outcome == InboxOutcome.Quarantined));
        if (completed != _handOvers || states.Sum(s => s.Count) != _handOvers || open > 0 || refused > 0)
        {
            throw new BenchmarkFailedException(
                $"The hub's records are off: hand-overs by state {string.Join(", ", states.Select(s => $"{s.State} {s.Count}"))} " +
                $"(expected {_handOvers} Completed); {open} hand-off(s) not acknowledged; {refused} message(s) returned or quarantined.");
        }

        return $"the hub's database holds all {completed} hand-overs (warm-up included) Completed, every step acknowledged, nothing returned";
    }

    /// <summary>The serialised size of one hand-over's steps, on average: the raw baseline sends messages this large.</summary>
    public static int AverageStepBytes()
    {
        var handOver = new HandOver(Guid.NewGuid());
        return (int)Enumerable.Range(0, Steps.Count)
            .Select(step => Step(handOver, step))
            .Average(message => JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), JsonSerializerOptions.Web).Length);
    }

    private Task SendStepAsync(Batch batch, int index)
    {
        var step = index % Steps.Count;
        var message = Step(batch.HandOvers[index / Steps.Count], step);
        return SendAsync(step == 0 ? _veiligThuis : _wijkteam, message, CancellationToken.None);
    }

    /// <summary>Every message the partners send here is routed or registered by the hub and acknowledged.</summary>
    private async Task SendAsync(HubClient partner, HubMessage message, CancellationToken ct)
    {
        Interlocked.Increment(ref _awaitingAcknowledgement);
        await partner.SendAsync(message, ct);
    }

    private Task<DeliveryOutcome> VeiligThuisReceivesAsync(HubMessage message, CancellationToken ct) => Receive(message, message switch
    {
        WarmeOverdrachtAccepted => 1,
        FirstContactConfirmed => 2,
        WarmeOverdrachtCompleted => 3,
        _ => null,
    });

    private Task<DeliveryOutcome> WijkteamReceivesAsync(HubMessage message, CancellationToken ct) =>
        Receive(message, message is WarmeOverdrachtOffered ? 0 : null);

    /// <summary>Records a step's arrival (which sends the next); an acknowledgement is counted; anything else fails the run.</summary>
    private Task<DeliveryOutcome> Receive(HubMessage message, int? step)
    {
        var batch = _current;
        switch (message)
        {
            case Acknowledgement ack:
                _acknowledged.TryAdd(ack.AcknowledgedMessageId, 0);
                break;
            case ReturnMessage returned:
                Fail(batch, $"{returned.ReturnedContract} {returned.ReturnedMessageId} was returned by {returned.ReturnedBy}: {returned.Code}, {returned.Reason}");
                break;
            case HubMessage when step is { } k && batch is not null && batch.Index.TryGetValue(message.CorrelationId, out var handOver):
                batch.Run.Arrived(batch.Run.Index(handOver, k));
                break;
            default:
                Fail(batch, $"Unexpected {message.GetType().Name} {message.MessageId} (correlation {message.CorrelationId}).");
                break;
        }

        return Task.FromResult(DeliveryOutcome.Accepted);
    }

    /// <summary>Stops the batch under way and makes the next wait throw: nothing may be refused or unexpected.</summary>
    private void Fail(Batch? batch, string reason)
    {
        _failure ??= reason;
        batch?.Run.Fail(reason);
    }

    private static HubMessage Step(HandOver handOver, int step) => step switch
    {
        0 => Offer(handOver),
        1 => new WarmeOverdrachtAccepted
        {
            MessageId = Guid.NewGuid(), CorrelationId = handOver.Id, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow, ContactPerson = "jeugdwerker team Noord",
        },
        2 => new FirstContactConfirmed
        {
            MessageId = Guid.NewGuid(), CorrelationId = handOver.Id, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow, ContactedOn = DateOnly.FromDateTime(DateTime.UtcNow), ContactWith = [],
        },
        3 => new WarmeOverdrachtCompleted
        {
            MessageId = Guid.NewGuid(), CorrelationId = handOver.Id, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow, RegisseurOrganisation = Wijkteam,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    private static WarmeOverdrachtOffered Offer(HandOver handOver) =>
        ExampleHandOver.FromVeiligThuis(VeiligThuis, Wijkteam, handOver.Child, handOver.ConsentId, DateTimeOffset.UtcNow) with { CorrelationId = handOver.Id };

    /// <summary>The parents' consent to Veilig Thuis handing the child's case over to the wijkteam.</summary>
    private static ConsentRecorded Consent(HandOver handOver) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = VeiligThuis,
        Subject = handOver.Child,
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = handOver.ConsentId,
        CreatedAt = DateTimeOffset.UtcNow,
        ConsentId = handOver.ConsentId,
        GrantedBy = [GrantorRole.Parent],
        Scope = new ConsentScope { Purpose = Purpose.ShareWithNamedOrganisations, Organisations = [Wijkteam] },
        GivenOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
    };

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    /// <summary>One hand-over: its id (the correlation id of all its steps) and the child it is about.</summary>
    private sealed record HandOver(Guid Id)
    {
        public SubjectReference Child { get; } = new() { Role = SubjectRole.Child, SenderReference = $"vt-{Id:N}", BirthDate = BirthDate };

        public string ConsentId => $"vt-toestemming-{Id:N}";
    }

    private sealed class Batch
    {
        public Batch(int count)
        {
            HandOvers = [.. Enumerable.Range(0, count).Select(_ => new HandOver(Guid.NewGuid()))];
            Index = HandOvers.Select((h, i) => (h.Id, i)).ToDictionary(p => p.Id, p => p.i);
        }

        public HandOver[] HandOvers { get; }

        /// <summary>Hand-over id → its position in the batch.</summary>
        public IReadOnlyDictionary<Guid, int> Index { get; }

        public ChainedRun Run { get; set; } = null!;
    }
}
