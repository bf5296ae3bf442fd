using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// The hub's full path on the same broker node: a school's <see cref="HubClient"/> sends signals to the hub's
/// ingress; the hub checks, records (inbox, ledger, deadline, outbox in one transaction) and sends each to the
/// wijkteam's queue with confirms; the wijkteam's client records the arrival and acknowledges automatically,
/// and that acknowledgement travels back through the hub to the school.
/// </summary>
public sealed class HubScenario : IAsyncDisposable
{
    public const string School = "school-de-regenboog";
    public const string Wijkteam = "wijkteam-noord";

    /// <summary>The school that signals and the wijkteam that receives.</summary>
    public static readonly TestOrganisation[] Organisations =
    [
        new(School, "Basisschool De Regenboog", OrganisationType.School),
        new(Wijkteam, "Sociaal Wijkteam Noord", OrganisationType.Wijkteam),
    ];

    private readonly ConcurrentDictionary<Guid, byte> _acknowledged = new();
    private readonly BenchmarkHub _hub;
    private HubClient? _school;
    private volatile Batch? _current;

    private HubScenario(BenchmarkHub hub) => _hub = hub;

    public int Acknowledged => _acknowledged.Count;

    /// <summary>The hub under test.</summary>
    public BenchmarkHub Hub => _hub;

    /// <param name="postgresConnectionString">Null for the embedded SQLite database.</param>
    /// <param name="pupils">How many pupils the signals are about, in turn (1: every signal about the same child).</param>
    /// <param name="settings">More hub settings (command-line form), such as where to export telemetry.</param>
    public static async Task<HubScenario> StartAsync(RabbitMqNode node, string name, string? postgresConnectionString, int pupils = 1,
        IReadOnlyList<string>? settings = null)
    {
        var scenario = new HubScenario(await BenchmarkHub.StartAsync(node, name, Organisations, postgresConnectionString, settings)) { _pupils = pupils };
        await scenario._hub.ConnectAsync(Wijkteam, scenario.WijkteamReceivesAsync);
        scenario._school = await scenario._hub.ConnectAsync(School, scenario.SchoolReceivesAsync);

        // Every signal is about a pupil whose parents consented to the school sharing with the wijkteam; the
        // policy still looks the consent up for each message.
        for (var pupil = 0; pupil < pupils; pupil++)
        {
            await scenario._school.SendAsync(Consent(pupil));
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        return scenario;
    }

    private int _pupils = 1;

    private Task<DeliveryOutcome> WijkteamReceivesAsync(HubMessage message, CancellationToken ct)
    {
        if (message is Signaal && _current is { } batch && batch.Index.TryGetValue(message.MessageId, out var index))
        {
            batch.Run.Arrived(index);
        }

        return Task.FromResult(DeliveryOutcome.Accepted);
    }

    private Task<DeliveryOutcome> SchoolReceivesAsync(HubMessage message, CancellationToken ct)
    {
        if (message is Acknowledgement ack)
        {
            _acknowledged.TryAdd(ack.AcknowledgedMessageId, 0);
        }

        return Task.FromResult(DeliveryOutcome.Accepted);
    }

    public async Task<Run> RunAsync(int count, int payloadBytes, int concurrency, TimeSpan timeout)
    {
        var signals = new Signaal[count];
        var index = new Dictionary<Guid, int>(count);
        for (var i = 0; i < count; i++)
        {
            signals[i] = Padded(Signal(i % _pupils), payloadBytes);
            index.Add(signals[i].MessageId, i);
        }

        var run = new Run(count);
        _current = new Batch(run, index);
        await run.DriveAsync(i => _school!.SendAsync(signals[i]), concurrency, timeout);
        return run;
    }

    /// <summary>Waits until the school has every acknowledgement back, so one scenario's tail does not load the next.</summary>
    public async Task<TimeSpan> WaitForAcknowledgementsAsync(int expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Acknowledged < expected)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The school received {Acknowledged} of {expected} acknowledgements within {timeout}.");
            }

            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    public static Signaal Signal(int pupil = 0) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = School,
        Recipients = [Wijkteam],
        Subject = Pupil(pupil),
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = ConsentId(pupil),
        CreatedAt = DateTimeOffset.UtcNow,
        Category = "zorgen over thuissituatie",
        Urgency = Urgency.Normal,
        FamilyInformed = true,
    };

    private static SubjectReference Pupil(int pupil) =>
        new() { Role = SubjectRole.Child, SenderReference = pupil == 0 ? "leerling-bench" : $"leerling-bench-{pupil}" };

    private static string ConsentId(int pupil) => pupil == 0 ? "toestemming-bench" : $"toestemming-bench-{pupil}";

    public static ConsentRecorded Consent(int pupil = 0) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = School,
        Subject = Pupil(pupil) with { BirthDate = new DateOnly(2017, 3, 14) },
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        CreatedAt = DateTimeOffset.UtcNow,
        ConsentId = ConsentId(pupil),
        GrantedBy = [GrantorRole.Parent],
        Scope = new ConsentScope { Purpose = Purpose.ShareWithNamedOrganisations, Organisations = [Wijkteam] },
        GivenOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
    };

    /// <summary>Pads the category so the message itself serialises to about <paramref name="bytes"/> bytes of JSON.</summary>
    public static Signaal Padded(Signaal signal, int bytes)
    {
        var size = JsonSerializer.SerializeToUtf8Bytes(signal, JsonSerializerOptions.Web).Length;
        return size >= bytes ? signal : signal with { Category = signal.Category + " " + new string('x', bytes - size - 1) };
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private sealed record Batch(Run Run, IReadOnlyDictionary<Guid, int> Index);
}
