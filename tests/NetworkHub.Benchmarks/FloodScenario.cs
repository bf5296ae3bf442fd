using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkHub.Client;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Testing;
using RabbitMQ.Client;

namespace NetworkHub.Benchmarks;

/// <summary>
/// Two partners on one hub (in-process, production settings): the school sends signals to the wijkteam at a steady
/// pace through its <see cref="HubClient"/>, and the huisarts publishes poison straight onto the ingress as its own
/// broker user, as a partner system gone wrong would, and gets each back as a typed return through its own client.
/// Times each signal from the start of its send to its arrival at the wijkteam, and each poison message from the
/// start of its publish to the arrival of its return at the huisarts.
/// </summary>
public sealed class FloodScenario : IAsyncDisposable
{
    public const string School = HubScenario.School;
    public const string Wijkteam = HubScenario.Wijkteam;
    public const string Huisarts = "huisarts-de-linde";

    /// <summary>How many children the school's signals are about.</summary>
    public const int Pupils = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly TestOrganisation[] Organisations =
        [.. HubScenario.Organisations, new(Huisarts, "Huisartsenpraktijk De Linde", OrganisationType.Huisarts)];

    private readonly BenchmarkHub _hub;
    private readonly TaskCompletionSource _consented = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _faults = new();
    private HubClient _school = null!;
    private IConnection _flooderConnection = null!;
    private IChannel _flooder = null!;
    private volatile Batch? _signals;
    private volatile Batch? _poison;
    private readonly ConcurrentDictionary<Guid, bool> _consentsPending = new();

    private FloodScenario(BenchmarkHub hub) => _hub = hub;

    /// <summary>What went wrong so far: a poison message delivered, or returned with another code than expected.</summary>
    public IReadOnlyCollection<string> Faults => _faults;

    /// <param name="postgresConnectionString">Null for the embedded SQLite database.</param>
    public static async Task<FloodScenario> StartAsync(RabbitMqNode node, string name, string? postgresConnectionString)
    {
        var scenario = new FloodScenario(await BenchmarkHub.StartAsync(node, name, Organisations, postgresConnectionString));
        await scenario._hub.ConnectAsync(Wijkteam, scenario.WijkteamReceivesAsync);
        await scenario._hub.ConnectAsync(Huisarts, scenario.HuisartsReceivesAsync);
        scenario._school = await scenario._hub.ConnectAsync(School, scenario.SchoolReceivesAsync);
        scenario._flooderConnection = await new ConnectionFactory { Uri = scenario._hub.BrokerUriFor(Huisarts) }.CreateConnectionAsync("flooder");
        scenario._flooder = await scenario._flooderConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        // The signals are about Pupils pupils whose parents consented to the school sharing with the wijkteam: a school
        // signals about many children, so the hub's lock per child does not serialise them as it would for one.
        var consents = Enumerable.Range(0, Pupils).Select(HubScenario.Consent).ToArray();
        foreach (var consent in consents)
        {
            scenario._consentsPending[consent.MessageId] = true;
        }

        foreach (var consent in consents)
        {
            await scenario._school.SendAsync(consent);
        }

        await scenario._consented.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return scenario;
    }

    /// <summary>The school sends <paramref name="count"/> signals, one every <paramref name="interval"/>; returns once all arrived.</summary>
    public async Task<Run> SendSignalsAsync(int count, TimeSpan interval, TimeSpan timeout)
    {
        var signals = Enumerable.Range(0, count).Select(i => HubScenario.Signal(i % Pupils)).ToArray();
        var batch = Batch.Of(signals.Select(s => (s.MessageId, default(ReturnCode))));
        _signals = batch;
        var run = batch.Run;
        await PaceAsync(count, interval, async i =>
        {
            run.Started(i);
            await _school.SendAsync(signals[i]);
        });
        await WaitAsync(run, "signals", timeout);
        return run;
    }

    /// <summary>The huisarts publishes <paramref name="count"/> poison messages, one every <paramref name="interval"/>; returns once all came back.</summary>
    public async Task<Run> SendPoisonAsync(int count, TimeSpan interval, TimeSpan timeout)
    {
        var poison = Enumerable.Range(0, count).Select(Poison).ToArray();
        var batch = Batch.Of(poison.Select(p => (p.MessageId, p.Code)));
        _poison = batch;
        var run = batch.Run;
        await PaceAsync(count, interval, async i =>
        {
            run.Started(i);
            await PublishAsync(poison[i].Body);
        });
        await WaitAsync(run, "poison returns", timeout);
        return run;
    }

    /// <summary>
    /// The huisarts publishes <see cref="FloodOptions.Flood"/> poison messages as fast as the broker confirms them,
    /// with <see cref="FloodOptions.Window"/> in flight, while the school sends its signals at its usual pace.
    /// </summary>
    public async Task<FloodRun> FloodAsync(FloodOptions options, TimeSpan timeout)
    {
        var poison = Enumerable.Range(0, options.Flood).Select(Poison).ToArray();
        var batch = Batch.Of(poison.Select(p => (p.MessageId, p.Code)));
        _poison = batch;
        var poisonRun = batch.Run;
        var clock = Stopwatch.StartNew();
        var flood = Task.Run(async () =>
        {
            using var window = new SemaphoreSlim(options.Window);
            var publishes = new Task[poison.Length];
            for (var i = 0; i < poison.Length; i++)
            {
                await window.WaitAsync();
                poisonRun.Started(i);
                publishes[i] = PublishReleasingAsync(poison[i].Body, window);
            }

            await Task.WhenAll(publishes);
            return clock.Elapsed;
        });

        var signals = await SendSignalsAsync(options.Signals, options.Interval, timeout);
        var signalsDone = clock.Elapsed;
        var published = await flood;
        await WaitAsync(poisonRun, "poison returns", timeout);
        return new FloodRun(signals, poisonRun, published, signalsDone, clock.Elapsed);
    }

    private async Task PublishReleasingAsync(byte[] body, SemaphoreSlim window)
    {
        try
        {
            await PublishAsync(body);
        }
        finally
        {
            window.Release();
        }
    }

    private ValueTask PublishAsync(byte[] body) => _flooder.BasicPublishAsync(HubTopology.Ingress(Huisarts), "", mandatory: false, new BasicProperties
    {
        UserId = _hub.BrokerUser(Huisarts),
        ContentType = "application/vnd.masstransit+json",
        DeliveryMode = DeliveryModes.Persistent,
        MessageId = Guid.NewGuid().ToString(),
    }, body);

    /// <summary>Starts each action on its schedule (i × interval after the first), without waiting for the one before.</summary>
    private static async Task PaceAsync(int count, TimeSpan interval, Func<int, Task> action)
    {
        var clock = Stopwatch.StartNew();
        var started = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var wait = interval * i - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            started[i] = action(i);
        }

        await Task.WhenAll(started);
    }

    private async Task WaitAsync(Run run, string what, TimeSpan timeout)
    {
        try
        {
            await run.Completion.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new BenchmarkFailedException($"Only {run.Arrivals} of {run.Count} {what} arrived within {timeout}.");
        }
    }

    private Task<DeliveryOutcome> WijkteamReceivesAsync(HubMessage message, CancellationToken ct)
    {
        if (_poison is { } poison && poison.Index.ContainsKey(message.MessageId))
        {
            _faults.Enqueue($"Poison message {message.MessageId} was delivered to the wijkteam.");
        }
        else if (message is Signaal && _signals is { } signals && signals.Index.TryGetValue(message.MessageId, out var index))
        {
            signals.Run.Arrived(index);
        }

        return Task.FromResult(DeliveryOutcome.Accepted);
    }

    private Task<DeliveryOutcome> HuisartsReceivesAsync(HubMessage message, CancellationToken ct)
    {
        if (message is ReturnMessage { ReturnedMessageId: { } returned } r && _poison is { } poison && poison.Index.TryGetValue(returned, out var index))
        {
            if (r.Code != poison.Codes[index])
            {
                _faults.Enqueue($"Poison message {returned} came back as {r.Code}, expected {poison.Codes[index]}.");
            }

            poison.Run.Arrived(index);
        }

        return Task.FromResult(DeliveryOutcome.Accepted);
    }

    private Task<DeliveryOutcome> SchoolReceivesAsync(HubMessage message, CancellationToken ct)
    {
        if (message is Acknowledgement ack && _consentsPending.TryRemove(ack.AcknowledgedMessageId, out _))
        {
            if (_consentsPending.IsEmpty)
            {
                _consented.TrySetResult();
            }
        }
        else if (message is ReturnMessage returned)
        {
            _faults.Enqueue($"The school's message {returned.ReturnedMessageId} came back as {returned.Code}.");
        }

        return Task.FromResult(DeliveryOutcome.Accepted);
    }

    /// <summary>The kinds of poison, in turn: two the hub reads and refuses in its routing transaction, two it cannot read at all.</summary>
    public static readonly string[] PoisonKinds =
    [
        "a signal whose required category is null (MalformedMessage, refused when routing)",
        "a signal naming the school as its sender (SenderMismatch, refused when routing)",
        "a contract the hub does not know (UnknownContract, kept as unreadable)",
        "a signal whose urgency is a word (MalformedMessage, kept as unreadable)",
    ];

    private static (byte[] Body, Guid MessageId, ReturnCode Code) Poison(int i)
    {
        var signal = HubScenario.Signal() with { SenderOrganisation = Huisarts };
        var json = JsonSerializer.SerializeToNode(signal, Json)!.AsObject();
        return (i % PoisonKinds.Length) switch
        {
            0 => (Envelope(Urn<Signaal>(), Change(json, j => j["category"] = null)), signal.MessageId, ReturnCode.MalformedMessage),
            1 => (Envelope(Urn<Signaal>(), Change(json, j => j["senderOrganisation"] = School)), signal.MessageId, ReturnCode.SenderMismatch),
            2 => (Envelope("urn:message:NetworkHub.Contracts.V1:Huisbezoek", json), signal.MessageId, ReturnCode.UnknownContract),
            _ => (Envelope(Urn<Signaal>(), Change(json, j => j["urgency"] = "Dringend")), signal.MessageId, ReturnCode.MalformedMessage),
        };
    }

    private static JsonObject Change(JsonObject json, Action<JsonObject> change)
    {
        change(json);
        return json;
    }

    private static string Urn<T>() => $"urn:message:{typeof(T).Namespace}:{typeof(T).Name}";

    private static byte[] Envelope(string urn, JsonObject message) =>
        JsonSerializer.SerializeToUtf8Bytes(new { messageId = Guid.NewGuid(), messageType = new[] { urn }, message }, Json);

    public async ValueTask DisposeAsync()
    {
        if (_flooder is not null)
        {
            await _flooder.DisposeAsync();
            await _flooderConnection.DisposeAsync();
        }

        await _hub.DisposeAsync();
    }

    /// <summary>The messages being timed: their run, their index in it by id and, for poison, the code each must come back with.</summary>
    private sealed record Batch(Run Run, IReadOnlyDictionary<Guid, int> Index, ReturnCode[] Codes)
    {
        public static Batch Of(IEnumerable<(Guid Id, ReturnCode Code)> messages)
        {
            var list = messages.ToArray();
            return new Batch(new Run(list.Length), list.Select((m, i) => (m.Id, i)).ToDictionary(m => m.Id, m => m.i), [.. list.Select(m => m.Code)]);
        }
    }
}

/// <param name="Published">From the flood's start until the broker had confirmed every poison message.</param>
/// <param name="SignalsDone">From the flood's start until the last of the school's signals arrived.</param>
/// <param name="Drained">From the flood's start until the last poison message came back to the flooder.</param>
public sealed record FloodRun(Run Signals, Run Poison, TimeSpan Published, TimeSpan SignalsDone, TimeSpan Drained);
