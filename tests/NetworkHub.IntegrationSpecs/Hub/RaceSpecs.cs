using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// Two messages about one thing at the same moment, round after round: whichever the hub takes first, every round
/// ends as if they had come one after the other. SQLite admits one writer at a time; on PostgreSQL the two really
/// are recorded side by side.
/// </summary>
public abstract class RaceSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const int Rounds = 20;
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen(), database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    /// <summary>Frozen: the first-contact rounds move it past their deadline by hand.</summary>
    private SpecClock Clock => _network.Clock;

    [Fact]
    public async Task A_first_contact_confirmed_as_its_deadline_fires_leaves_the_hand_over_returned_or_in_contact_never_both()
    {
        await using var hub = await _network.StartHubAsync("--NetworkHub:DeadlineScanInterval=01:00:00"); // the spec runs the deadline pass
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentForHandOverAsync(veiligThuis);
        var rounds = new List<(Guid HandOver, Guid Confirmation)>();

        for (var round = 0; round < Rounds; round++)
        {
            var handOver = await AcceptedHandOverAsync(veiligThuis, wijkteam);
            Clock.Advance(TimeSpan.FromDays(10)); // past the five working days for first contact
            var confirmation = FirstContact(handOver);
            await Task.WhenAll(wijkteam.Client.SendAsync(confirmation), hub.FireDueDeadlinesAsync());
            await veiligThuis.WaitForAsync<HubMessage>(m => Ends(m, handOver, confirmation.MessageId));
            rounds.Add((handOver, confirmation.MessageId));
        }

        await LaterMessageAsync(veiligThuis);
        AssertEveryRound(rounds.Select(r => veiligThuis.Received.Count(m => Ends(m, r.HandOver, r.Confirmation)) == 1),
            "Veilig Thuis heard both that the hand-over came back and that first contact was made");
    }

    [Fact]
    public async Task Two_organisations_that_signal_one_child_at_the_same_moment_are_matched_once()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);

        for (var round = 0; round < Rounds; round++)
        {
            var bsn = $"9999{round:D5}"; // a child of its own each round
            await Task.WhenAll(
                RegisterAsync(school, IndexSignal(Clock, School, bsn, $"leerling-{round}")),
                RegisterAsync(huisarts, IndexSignal(Clock, Huisarts, bsn, $"patient-{round}")));
        }

        await school.WaitForCountAsync<MatchNotification>(Rounds, TimeSpan.FromSeconds(30));
        await huisarts.WaitForCountAsync<MatchNotification>(Rounds, TimeSpan.FromSeconds(30));
        await LaterMessageAsync(school);
        await LaterMessageAsync(huisarts);
        AssertEveryRound(Enumerable.Range(0, Rounds).Select(round =>
                school.Count<MatchNotification>(m => m.Subject?.SenderReference == $"leerling-{round}") == 1
                && huisarts.Count<MatchNotification>(m => m.Subject?.SenderReference == $"patient-{round}") == 1),
            "the school and the huisarts were not matched exactly once");
    }

    [Fact]
    public async Task An_acknowledgement_and_a_return_of_one_hand_off_at_the_same_moment_reach_the_sender_as_one_answer()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        await using var wijkteam = await RawPartner.ConnectAsync(_network.BrokerUriFor(Wijkteam), Wijkteam); // answers by hand
        await GiveConsentAsync(school);
        var rounds = new List<(Guid Acknowledgement, Guid Return)>();

        for (var round = 0; round < Rounds; round++)
        {
            var signal = Messages.SignalFromSchool(Clock);
            await school.Client.SendAsync(signal);
            await hub.WaitForHandOffStateAsync(signal.MessageId, HandOffState.Dispatched);
            var acknowledgement = Messages.AcknowledgementOf(Clock, signal, Wijkteam);
            var refusal = Messages.ReturnOf(Clock, signal, Wijkteam, ReturnCode.DeclinedByRecipient, "Geen capaciteit.");
            await Task.WhenAll(wijkteam.PublishAsync(RawPartner.Envelope(acknowledgement)), wijkteam.PublishAsync(RawPartner.Envelope(refusal)));
            await school.WaitForAsync<HubMessage>(m => m.MessageId == acknowledgement.MessageId || m.MessageId == refusal.MessageId);
            rounds.Add((acknowledgement.MessageId, refusal.MessageId));
        }

        await LaterMessageAsync(school);
        AssertEveryRound(rounds.Select(r => school.Deliveries(r.Acknowledgement) + school.Deliveries(r.Return) == 1),
            "the school was sent both the acknowledgement and the return");
    }

    [Fact]
    public async Task A_reporter_whose_signal_two_recipients_acknowledge_at_the_same_moment_hears_once_that_it_was_picked_up()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        await using var wijkteam = await RawPartner.ConnectAsync(_network.BrokerUriFor(Wijkteam), Wijkteam);
        await using var huisarts = await RawPartner.ConnectAsync(_network.BrokerUriFor(Huisarts), Huisarts);
        var signals = new List<Guid>();

        for (var round = 0; round < Rounds; round++)
        {
            var signal = await SignalAboutANewPupilAsync(school, $"leerling-{round}"); // the index registers one report per pupil
            await hub.WaitForHandOffStateAsync(signal.MessageId, HandOffState.Dispatched); // both hand-offs are recorded together
            await Task.WhenAll(
                wijkteam.PublishAsync(RawPartner.Envelope(Messages.AcknowledgementOf(Clock, signal, Wijkteam))),
                huisarts.PublishAsync(RawPartner.Envelope(Messages.AcknowledgementOf(Clock, signal, Huisarts))));
            await school.WaitForAsync<Terugkoppeling>(t => t.ReportMessageId == signal.MessageId);
            signals.Add(signal.MessageId);
        }

        await LaterMessageAsync(school);
        AssertEveryRound(signals.Select(signal => school.Count<Terugkoppeling>(t => t.ReportMessageId == signal && t.Status == TerugkoppelingStatus.PickedUp) == 1),
            "the school heard more than once that its signal was picked up");
    }

    /// <summary>Veilig Thuis hands the child over, and the wijkteam accepts: first contact is now due.</summary>
    private async Task<Guid> AcceptedHandOverAsync(PartnerProbe veiligThuis, PartnerProbe wijkteam)
    {
        var offer = HandOverOffer(Clock);
        await veiligThuis.Client.SendAsync(offer);
        await wijkteam.WaitForAsync<WarmeOverdrachtOffered>(o => o.MessageId == offer.MessageId);
        await wijkteam.Client.SendAsync(new WarmeOverdrachtAccepted
        {
            MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = Clock.GetUtcNow(),
        });
        await veiligThuis.WaitForAsync<WarmeOverdrachtAccepted>(a => a.CorrelationId == offer.CorrelationId);
        return offer.CorrelationId;
    }

    private FirstContactConfirmed FirstContact(Guid handOver) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = handOver, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
        Purpose = Purpose.Coordination, CreatedAt = Clock.GetUtcNow(), ContactedOn = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime), ContactWith = [],
    };

    /// <summary>How a hand-over ends for its sender: it came back, or the receiver's first contact was passed on.</summary>
    private static bool Ends(HubMessage message, Guid handOver, Guid confirmation) =>
        message is WarmeOverdrachtReturned returned ? returned.CorrelationId == handOver : message.MessageId == confirmation;

    /// <summary>A signal for the hub's index only, about a child known by BSN.</summary>
    /// <summary>The pupil's parents consent to sharing with the wijkteam and the huisarts, and the school signals both.</summary>
    private async Task<Signaal> SignalAboutANewPupilAsync(PartnerProbe school, string pupil)
    {
        var consentId = "toestemming-" + pupil;
        var consent = Messages.ConsentFromSchool(Clock, Wijkteam, Huisarts);
        consent = consent with { Subject = consent.Subject! with { SenderReference = pupil }, ConsentId = consentId, ConsentReference = consentId };
        await school.Client.SendAsync(consent);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == consent.MessageId);
        var signal = Messages.SignalFromSchool(Clock) with
        {
            Recipients = [Wijkteam, Huisarts],
            Subject = consent.Subject with { BirthDate = null },
            ConsentReference = consentId,
        };
        await school.Client.SendAsync(signal);
        return signal;
    }

    /// <summary>A message the hub sends the partner after every round: what the rounds sent it is in by the time this is.</summary>
    private Task LaterMessageAsync(PartnerProbe partner) => RegisterAsync(partner, IndexSignal(Clock, partner.Organisation, bsn: null, "later-" + Guid.NewGuid()));

    private static void AssertEveryRound(IEnumerable<bool> roundsThatHeld, string failure)
    {
        var failed = roundsThatHeld.Count(held => !held);
        Assert.True(failed == 0, $"In {failed} of {Rounds} rounds {failure}.");
    }
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Races_on_sqlite(RabbitMqFixture broker) : RaceSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Races_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : RaceSpecs(broker, HubDatabase.PostgreSql(postgres));
