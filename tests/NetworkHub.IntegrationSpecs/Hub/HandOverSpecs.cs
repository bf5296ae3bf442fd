using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Workflows;
using NetworkHub.IntegrationSpecs.Ledger;
using NetworkHub.Testing;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>The warm hand-over as a task with deadlines, replayed from the inspection reports over the real broker.</summary>
public abstract class HandOverSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen(), database);

    /// <summary>Frozen: the specs move the clock past deadlines by hand.</summary>
    private SpecClock _clock => _network.Clock;

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_police_report_handed_over_by_veilig_thuis_goes_back_to_veilig_thuis_when_the_wijkteam_makes_no_contact_in_time()
    {
        await using var hub = await _network.StartHubAsync();
        var politie = await _network.ConnectAsync(Politie);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var wijkteam = await _network.ConnectAsync(Wijkteam);

        var melding = Messages.SignalFromSchool(_network.Clock, to: VeiligThuis) with
        {
            SenderOrganisation = Politie,
            Subject = HandOverChild with { SenderReference = "pol-2026-7781" },
            Purpose = Purpose.ReportToVeiligThuis,
            LegalBasis = Grondslag.Meldrecht,
            ConsentReference = null,
            Leefgebieden = [Leefgebied.Veiligheid],
            Override = new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = "Huiselijk geweld gemeld tijdens politie-inzet; kinderen aanwezig." },
            CreatedAt = _clock.GetUtcNow(),
        };
        await politie.Client.SendAsync(melding);
        await veiligThuis.WaitForAsync<Signaal>(s => s.MessageId == melding.MessageId);

        var offer = await OfferAsync(veiligThuis, wijkteam);
        await wijkteam.Client.SendAsync(new WarmeOverdrachtAccepted
        {
            MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), ContactPerson = "jeugdwerker team Noord",
        });
        await veiligThuis.WaitForAsync<WarmeOverdrachtAccepted>(a => a.CorrelationId == offer.CorrelationId);

        _clock.Advance(TimeSpan.FromDays(10)); // well past five working days without a confirmed first contact

        var back = await veiligThuis.WaitForAsync<WarmeOverdrachtReturned>(r => r.CorrelationId == offer.CorrelationId);
        Assert.Equal(HandOverReturnReason.NoContactInTime, back.Reason);
        await wijkteam.WaitForAsync<WarmeOverdrachtReturned>(r => r.CorrelationId == offer.CorrelationId);
        Assert.Equal(HandOverState.Returned, await StateAsync(hub, offer.CorrelationId));
    }

    [Fact]
    public async Task An_offer_nobody_accepts_brings_the_wijkteam_a_reminder_and_then_veilig_thuis_an_escalation()
    {
        await using var hub = await _network.StartHubAsync();
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var offer = await OfferAsync(veiligThuis, wijkteam);

        _clock.Advance(TimeSpan.FromDays(6));
        var reminder = await wijkteam.WaitForAsync<WarmeOverdrachtReminder>(r => r.CorrelationId == offer.CorrelationId);
        await hub.WaitForDeadlineScanAsync();
        Assert.Equal(HandOverStage.Acceptance, reminder.Stage);
        Assert.Single(await hub.DeadlinesAsync(offer.CorrelationId), d => d.FiredAt is not null); // the reminder, not the escalation
        Assert.Equal(0, veiligThuis.Count<WarmeOverdrachtEscalated>());

        _clock.Advance(TimeSpan.FromDays(6));
        var escalated = await veiligThuis.WaitForAsync<WarmeOverdrachtEscalated>(e => e.CorrelationId == offer.CorrelationId);
        Assert.Equal(Wijkteam, escalated.Receiver);
    }

    public static TheoryData<string> IncompleteOffers =>
    [
        "no safety assessment",
        "a safety assessment that only asked the parents",
        "a child not spoken to without a reason",
        "no bodemeisen from veilig thuis",
    ];

    [Theory]
    [MemberData(nameof(IncompleteOffers))]
    public async Task A_hand_over_with_an_incomplete_safety_section_is_returned_before_it_reaches_the_wijkteam(string incomplete)
    {
        await using var hub = await _network.StartHubAsync();
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentForHandOverAsync(veiligThuis);
        var complete = Offer();
        var offer = incomplete switch
        {
            "no safety assessment" => complete with { Veiligheidsinschatting = null },
            "a safety assessment that only asked the parents" => complete with { Veiligheidsinschatting = complete.Veiligheidsinschatting! with { Sources = [SafetySource.Parents] } },
            "a child not spoken to without a reason" => complete with
            {
                Veiligheidsinschatting = complete.Veiligheidsinschatting! with { Children = [new ChildContact { Child = HandOverChild, SpokenTo = false }] },
            },
            _ => complete with { Bodemeisen = [] },
        };

        await veiligThuis.Client.SendAsync(offer);

        var returned = await veiligThuis.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == offer.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, returned.Code);
        Assert.Equal(0, wijkteam.Count<WarmeOverdrachtOffered>());
    }

    [Fact]
    public async Task First_contact_cannot_be_confirmed_before_the_hand_over_was_accepted()
    {
        await using var hub = await _network.StartHubAsync();
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var offer = await OfferAsync(veiligThuis, wijkteam);
        var early = new FirstContactConfirmed
        {
            MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(), ContactedOn = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime), ContactWith = [],
        };

        await wijkteam.Client.SendAsync(early);

        var returned = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == early.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, returned.Code);
        Assert.Contains("Offered", returned.Reason, StringComparison.Ordinal);
        Assert.Equal(HandOverState.Offered, await StateAsync(hub, offer.CorrelationId));
    }

    [Fact]
    public async Task A_pending_first_contact_deadline_fires_once_across_hub_restarts()
    {
        WarmeOverdrachtOffered offer;
        PartnerProbe veiligThuis, wijkteam;
        await using (var first = await _network.StartHubAsync())
        {
            veiligThuis = await _network.ConnectAsync(VeiligThuis); // the partners stay connected while hubs come and go
            wijkteam = await _network.ConnectAsync(Wijkteam);
            offer = await OfferAsync(veiligThuis, wijkteam);
            await wijkteam.Client.SendAsync(new WarmeOverdrachtAccepted
            {
                MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
                Purpose = Purpose.Coordination, CreatedAt = _clock.GetUtcNow(),
            });
            await veiligThuis.WaitForAsync<WarmeOverdrachtAccepted>(a => a.CorrelationId == offer.CorrelationId);
        }

        _clock.Advance(TimeSpan.FromDays(10)); // the deadline passes while no hub runs
        await using (var second = await _network.StartHubAsync())
        {
            await veiligThuis.WaitForAsync<WarmeOverdrachtReturned>(r => r.CorrelationId == offer.CorrelationId);
        }

        await using (var third = await _network.StartHubAsync())
        {
            var later = await SendOfferAsync(veiligThuis, wijkteam); // not accepted: a reminder after six days proves scans after the restart
            _clock.Advance(TimeSpan.FromDays(6));
            await wijkteam.WaitForAsync<WarmeOverdrachtReminder>(r => r.CorrelationId == later.CorrelationId);
            await third.WaitForDeadlineScanAsync();
            Assert.Equal(1, veiligThuis.Deliveries(veiligThuis.Received.OfType<WarmeOverdrachtReturned>().Single(r => r.CorrelationId == offer.CorrelationId).MessageId));
            Assert.Equal(1, veiligThuis.Count<WarmeOverdrachtReturned>(r => r.CorrelationId == offer.CorrelationId));
            await using var scope = third.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            Assert.Equal(1, await db.Deadlines.CountAsync(d => d.Kind == DeadlineKind.FirstContact && d.FiredAt != null));
        }
    }

    [Fact]
    public async Task A_request_to_the_raad_without_a_safety_assessment_and_plan_is_refused_before_it_leaves()
    {
        await using var hub = await _network.StartHubAsync();
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var raad = await _network.ConnectAsync(Raad);
        var request = new Opschaling
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [Raad],
            Subject = HandOverChild, Purpose = Purpose.ChildProtection, LegalBasis = Grondslag.WettelijkeTaakJeugdbescherming,
            Override = new MeldcodeOverride { Justification = "Ouders weigeren hulp terwijl de veiligheid van het kind niet geborgd is." },
            CreatedAt = _clock.GetUtcNow(), Target = OpschalingTarget.Raad, ReasonCode = OpschalingReason.SafetyConcern,
            Reason = "Verzoek tot onderzoek", Owner = "gedragswetenschapper team Noord", AnswerBefore = _clock.GetUtcNow().AddDays(14),
        };

        await wijkteam.Client.SendAsync(request);

        var returned = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == request.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, returned.Code);
        Assert.Contains("Raad", returned.Reason, StringComparison.Ordinal);
        Assert.Equal(0, raad.Count<Opschaling>());
    }


    /// <summary>Veilig Thuis registers the family's consent to hand over to the wijkteam, then offers the hand-over.</summary>
    private async Task<WarmeOverdrachtOffered> OfferAsync(PartnerProbe veiligThuis, PartnerProbe wijkteam)
    {
        await GiveConsentForHandOverAsync(veiligThuis);
        return await SendOfferAsync(veiligThuis, wijkteam);
    }

    private async Task<WarmeOverdrachtOffered> SendOfferAsync(PartnerProbe veiligThuis, PartnerProbe wijkteam)
    {
        var offer = Offer();
        await veiligThuis.Client.SendAsync(offer);
        await wijkteam.WaitForAsync<WarmeOverdrachtOffered>(o => o.MessageId == offer.MessageId);
        return offer;
    }

    private WarmeOverdrachtOffered Offer() => HandOverOffer(_clock);

    private static async Task<HandOverState?> StateAsync(InProcessHub hub, Guid handOver)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().HandOvers
            .Where(h => h.Id == handOver).Select(h => (HandOverState?)h.State).FirstOrDefaultAsync();
    }
}

[Collection(RabbitMqFixture.Collection)]
public sealed class HandOvers_on_sqlite(RabbitMqFixture broker) : HandOverSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class HandOvers_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : HandOverSpecs(broker, HubDatabase.PostgreSql(postgres));
