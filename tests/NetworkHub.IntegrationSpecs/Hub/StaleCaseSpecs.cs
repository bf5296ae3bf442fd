using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// From the reports: cases hang unseen — a match nobody takes regie for, a hand-over accepted and never completed, a
/// child with safety concerns nobody acts on. After each threshold the operators see it as a kept alert, and not when
/// the case moved.
/// </summary>
public abstract class StaleCaseSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private const string StaleCase = "V1.CaseStale";
    private static readonly SubjectReference Child = new() { Role = SubjectRole.Child, Bsn = Bsn };
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen(), database);

    /// <summary>Frozen: the specs move the clock past thresholds by hand.</summary>
    private SpecClock _clock => _network.Clock;

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_matched_child_without_regie_after_the_threshold_is_kept_as_an_alert_unless_someone_took_regie(bool regieTaken)
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await RegisterAsync(school, IndexSignal(_clock, School, Bsn, "leerling-0042"));
        await RegisterAsync(huisarts, IndexSignal(_clock, Huisarts, Bsn, "patient-7781"));
        var match = await school.WaitForAsync<MatchNotification>();
        if (regieTaken)
        {
            var claim = new RegieAssigned
            {
                MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School, Huisarts],
                Subject = Child, Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), Scope = RegieScope.Child, RegisseurOrganisation = Wijkteam,
            };
            await wijkteam.Client.SendAsync(claim);
            await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        }

        _clock.Advance(TimeSpan.FromDays(20)); // past ten working days
        await hub.FireDueDeadlinesAsync();

        var alerts = await hub.AlertsAsync("V1.RegieMissing");
        if (regieTaken)
        {
            Assert.Empty(alerts);
            return;
        }

        var alert = Assert.Single(alerts);
        Assert.Equal(($"{Huisarts},{School}", match.MatchId), (alert.Organisations, alert.CorrelationId));
        AssertNamesNoChild(alert.Summary);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_accepted_hand_over_not_completed_within_the_threshold_is_kept_as_an_alert_unless_it_was_completed(bool completed)
    {
        await using var hub = await _network.StartHubAsync();
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentForHandOverAsync(veiligThuis);
        var offer = HandOverOffer(_clock);
        await veiligThuis.Client.SendAsync(offer);
        await wijkteam.WaitForAsync<WarmeOverdrachtOffered>(o => o.MessageId == offer.MessageId);
        await StepAsync<WarmeOverdrachtAccepted>(veiligThuis, wijkteam, new WarmeOverdrachtAccepted
        {
            MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(),
        });
        await StepAsync<FirstContactConfirmed>(veiligThuis, wijkteam, new FirstContactConfirmed
        {
            MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), ContactedOn = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime), ContactWith = [],
        });
        if (completed)
        {
            await StepAsync<WarmeOverdrachtCompleted>(veiligThuis, wijkteam, new WarmeOverdrachtCompleted
            {
                MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
                Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), RegisseurOrganisation = Wijkteam,
            });
        }

        _clock.Advance(TimeSpan.FromDays(35)); // past twenty working days
        await hub.FireDueDeadlinesAsync();

        var notCompleted = (await hub.AlertsAsync(StaleCase)).Where(a => a.Summary.StartsWith("Warm hand-over", StringComparison.Ordinal)).ToList();
        if (completed)
        {
            Assert.Empty(notCompleted);
            return;
        }

        var alert = Assert.Single(notCompleted);
        Assert.Equal(($"{VeiligThuis},{Wijkteam}", offer.CorrelationId), (alert.Organisations, alert.CorrelationId));
        AssertNamesNoChild(alert.Summary);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Open_safety_concerns_without_a_step_about_the_child_are_kept_as_an_alert_unless_the_case_moved(bool moved)
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var worry = IndexSignal(_clock, School, Bsn, "leerling-0042") with { Leefgebieden = [Leefgebied.Veiligheid] };
        await RegisterAsync(school, worry);
        _clock.Advance(TimeSpan.FromDays(7));
        if (moved)
        {
            var claim = new RegieAssigned // a step about the child: the wijkteam takes regie and tells the school
            {
                MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School],
                Subject = Child, Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), Scope = RegieScope.Child, RegisseurOrganisation = Wijkteam,
            };
            await wijkteam.Client.SendAsync(claim);
            await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        }

        _clock.Advance(TimeSpan.FromDays(9)); // ten working days after the signal, not after the step
        await hub.FireDueDeadlinesAsync();

        var alerts = await hub.AlertsAsync(StaleCase);
        if (moved)
        {
            Assert.Empty(alerts);
            Assert.Contains(await hub.DeadlinesAsync(worry.MessageId), d => d.FiredAt is null); // watching on from the step
            return;
        }

        var alert = Assert.Single(alerts);
        Assert.Equal((School, worry.MessageId), (alert.Organisations, alert.CorrelationId));
        AssertNamesNoChild(alert.Summary);
    }

    private static async Task StepAsync<T>(PartnerProbe veiligThuis, PartnerProbe wijkteam, T step) where T : HubMessage
    {
        await wijkteam.Client.SendAsync(step);
        await veiligThuis.WaitForAsync<T>(s => s.MessageId == step.MessageId);
    }

    private static void AssertNamesNoChild(string summary)
    {
        Assert.DoesNotContain(Bsn, summary, StringComparison.Ordinal);
        Assert.DoesNotContain("leerling-0042", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(HandOverChild.SenderReference!, summary, StringComparison.Ordinal);
    }
}

[Collection(RabbitMqFixture.Collection)]
public sealed class StaleCases_on_sqlite(RabbitMqFixture broker) : StaleCaseSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class StaleCases_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : StaleCaseSpecs(broker, HubDatabase.PostgreSql(postgres));
