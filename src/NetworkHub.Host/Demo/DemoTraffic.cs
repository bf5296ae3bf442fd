using MassTransit;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using static NetworkHub.Host.Demo.DemoNetwork;

namespace NetworkHub.Host.Demo;

/// <summary>
/// Simulated partners on the in-memory bus: they send signals and warm hand-overs through the hub and answer what
/// they receive, as real partner systems would through <see cref="HubClient"/>. So that every console view has
/// something to show within a minute, some of it goes wrong as it does in a real network: the JGZ's system is offline
/// (its hand-offs go overdue), the wijkteam declines every fifth signal, and now and then the school addresses a
/// wijkteam the hub does not know (returned and kept in quarantine); and the school reports to Veilig Thuis under the
/// meldcode, without consent, which awaits the privacy officer's review. One family has a regisseur and an MDO
/// (<see cref="DemoFamily"/>), which the partners answer. Uses fictional references and test BSNs only; no personal data.
/// </summary>
public sealed class DemoTraffic(IBusControl bus, ILogger<DemoTraffic> logger) : BackgroundService
{
    private readonly Dictionary<string, HubClient> _partners = [];
    private int _signalsAtWijkteam;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        foreach (var (code, _, _) in Organisations.Where(o => o.Code != OfflineJgz))
        {
            _partners[code] = await HubClient.AttachAsync(bus, code, (message, _) => Receive(code, message));
        }

        logger.LogInformation("Demo partners connected: {Partners}", string.Join(", ", _partners.Keys));
        foreach (var (from, message) in DemoFamily.Messages())
        {
            await _partners[from].SendAsync(message, stoppingToken);
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); // each step finds the one before it recorded
        }

        var family = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            family++;
            var (from, message) = family switch
            {
                _ when family % 10 == 4 => (School, Signal(School, [Wijkteam, OfflineJgz], family)),
                _ when family % 10 == 7 => (School, Signal(School, [UnknownWijkteam], family)),
                _ when family % 10 == 9 => (School, Melding(family)),
                _ when family % 3 == 0 => (School, Signal(School, [Wijkteam], family)),
                _ when family % 3 == 1 => (VeiligThuis, (HubMessage)HandOver(family)),
                _ => (Huisarts, Signal(Huisarts, [Wijkteam], family)),
            };
            if (!message.Recipients.Contains(UnknownWijkteam) && message.Override is null)
            {
                // The family's consent is registered first, as a partner system records it at intake.
                await _partners[from].SendAsync(Consent(from, message.Recipients, family), stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }

            await _partners[from].SendAsync(message, stoppingToken);
            logger.LogInformation("Demo: {Sender} sent {Contract} {MessageId} to {Recipients}",
                from, message.GetType().Name, message.MessageId, string.Join(", ", message.Recipients));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var partner in _partners.Values)
        {
            await partner.DisposeAsync();
        }
    }

    private Task<DeliveryOutcome> Receive(string organisation, HubMessage message)
    {
        logger.LogInformation("Demo: {Organisation} received {Contract} {MessageId}", organisation, message.GetType().Name, message.MessageId);
        if (organisation == Wijkteam && message is Signaal && Interlocked.Increment(ref _signalsAtWijkteam) % 5 == 0)
        {
            return Task.FromResult(DeliveryOutcome.Declined(ReturnCode.DeclinedByRecipient, "Het gezin woont buiten het werkgebied van wijkteam Noord."));
        }

        if (message is MdoUitnodiging invitation)
        {
            _ = AnswerLaterAsync(organisation, invitation); // people answer an invitation a little later, one by one
        }

        return Task.FromResult(DeliveryOutcome.Accepted);
    }

    private async Task AnswerLaterAsync(string organisation, MdoUitnodiging invitation)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(organisation == School ? 4 : organisation == Schuldhulp ? 9 : 15));
            await _partners[organisation].SendAsync(DemoFamily.Answer(organisation, invitation));
        }
        catch (Exception e)
        {
            logger.LogWarning("Demo: {Organisation} could not answer MDO {MdoId} ({Failure})", organisation, invitation.MdoId, e.GetType().Name);
        }
    }

    private static SubjectReference Child(int family) => new()
    {
        Role = SubjectRole.Child,
        SenderReference = $"demo-kind-{family:D4}",
        FamilyReference = $"demo-gezin-{family:D4}",
    };

    private static ConsentRecorded Consent(string from, IReadOnlyList<string> to, int family) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = from,
        Subject = Child(family) with { BirthDate = new DateOnly(2016, 1, 1).AddDays(family % 1000) },
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = $"demo-toestemming-{family:D4}",
        CreatedAt = DateTimeOffset.UtcNow,
        ConsentId = $"demo-toestemming-{family:D4}",
        GrantedBy = [GrantorRole.Parent],
        Scope = new ConsentScope { Purpose = Purpose.ShareWithNamedOrganisations, Organisations = [.. to] },
        GivenOn = DateOnly.FromDateTime(DateTime.UtcNow),
    };

    private static Signaal Signal(string from, IReadOnlyList<string> to, int family) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = from,
        Recipients = [.. to],
        Subject = Child(family),
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = $"demo-toestemming-{family:D4}",
        CreatedAt = DateTimeOffset.UtcNow,
        Category = "zorgen over thuissituatie",
        Urgency = Urgency.Normal,
        Leefgebieden = [Leefgebied.Opvoeding, Leefgebied.School],
        FamilyInformed = true,
    };

    /// <summary>A melding to Veilig Thuis without consent: meldrecht, with the meldcode step reached and the school's justification.</summary>
    private static Signaal Melding(int family) => Signal(School, [VeiligThuis], family) with
    {
        Purpose = Purpose.ReportToVeiligThuis,
        LegalBasis = Grondslag.Meldrecht,
        ConsentReference = null,
        Category = "vermoeden kindermishandeling",
        Urgency = Urgency.High,
        Leefgebieden = [Leefgebied.Veiligheid],
        FamilyInformed = false,
        Override = new MeldcodeOverride
        {
            Step = MeldcodeStep.Beslissen,
            Justification = "Leerling vertelt herhaaldelijk over geweld thuis; collegiaal overleg en Veilig Thuis geraadpleegd (stap 2 en 4), besloten te melden.",
        },
    };

    private static WarmeOverdrachtOffered HandOver(int family) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = VeiligThuis,
        Recipients = [Wijkteam],
        Subject = Child(family),
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = $"demo-toestemming-{family:D4}",
        CreatedAt = DateTimeOffset.UtcNow,
        Aanleiding = "Melding huiselijk geweld; afschaling naar het wijkteam",
        OriginOrganisation = VeiligThuis,
        OriginType = OrganisationType.VeiligThuis,
        RegieAfterwards = Wijkteam,
        Bodemeisen = ["Geen fysiek geweld in het bijzijn van de kinderen", "Ouders werken mee aan hulpverlening"],
        Veiligheidsinschatting = new Veiligheidsinschatting
        {
            Instrument = SafetyInstrument.Top3,
            Sources = [SafetySource.Parents, SafetySource.Child, SafetySource.School],
            AssessedOn = DateOnly.FromDateTime(DateTime.UtcNow),
            Outcome = SafetyOutcome.ConditionallySafe,
            Children = [new ChildContact { Child = Child(family), SpokenTo = true, SpokenToAlone = true }],
        },
    };
}
