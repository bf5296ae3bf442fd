using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>
/// One partner floods the ingress with poison as fast as its connection takes it, while another partner goes on
/// with its work: the hub (with its production ingress settings) returns every poison message to the flooder and
/// delivers none, and every good message arrives exactly once. How much the flood delays the good messages is a
/// benchmark's business (<c>-- flood</c>), not a spec's.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class HostileFloodSpecs(RabbitMqFixture broker)
{
    private const int PoisonCount = 200;
    private const int GoodCount = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2); // a bound for a loaded machine, never a wait

    [Fact]
    public async Task While_the_huisarts_floods_the_hub_with_poison_every_signal_of_the_school_arrives_exactly_once_and_every_poison_message_is_returned()
    {
        await using var network = await TestNetwork.CreateAsync(broker.Node);
        await using var hub = await network.StartHubAsync();
        var school = await network.ConnectAsync(School);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        var huisarts = await network.ConnectAsync(Huisarts);
        await GiveConsentAsync(school);
        await using var flooder = await RawPartner.ConnectAsync(network.BrokerUriFor(Huisarts), Huisarts);
        var poison = Enumerable.Range(0, PoisonCount).Select(i => Poison(network.Clock, i)).ToArray();
        var signals = Enumerable.Range(0, GoodCount).Select(i => Messages.SignalFromSchool(network.Clock, category: $"signaal {i}")).ToArray();

        var flood = Task.WhenAll(poison.Select(p => flooder.PublishAsync(p.Body))); // all in flight at once on one channel
        foreach (var signal in signals)
        {
            await school.Client.SendAsync(signal);
        }

        await flood;
        await wijkteam.WaitForCountAsync<Signaal>(GoodCount, Patience, s => signals.Any(g => g.MessageId == s.MessageId));
        await huisarts.WaitForCountAsync<ReturnMessage>(PoisonCount, Patience);

        Assert.All(signals, s => Assert.Equal(1, wijkteam.Deliveries(s.MessageId)));
        var returns = huisarts.Received.OfType<ReturnMessage>().ToDictionary(r => r.ReturnedMessageId!.Value);
        Assert.All(poison, p => Assert.Equal(p.Code, returns[p.MessageId].Code));
        foreach (var partner in new[] { school, wijkteam, huisarts })
        {
            Assert.All(poison, p => Assert.Equal(0, partner.Deliveries(p.MessageId)));
        }

        Assert.Empty(school.Received.OfType<ReturnMessage>());
    }

    /// <summary>Four kinds of poison in turn, each naming its message id so its return can be told apart.</summary>
    private static (byte[] Body, Guid MessageId, ReturnCode Code) Poison(TimeProvider clock, int i)
    {
        var signal = Messages.SignalFromSchool(clock) with { SenderOrganisation = Huisarts };
        return (i % 4) switch
        {
            0 => (RawPartner.Envelope(signal, json => json["category"] = null), signal.MessageId, ReturnCode.MalformedMessage),
            1 => (RawPartner.Envelope(signal with { SenderOrganisation = School }), signal.MessageId, ReturnCode.SenderMismatch),
            2 => (RawPartner.Envelope("urn:message:NetworkHub.Contracts.V1:Huisbezoek", RawPartner.Json(signal)), signal.MessageId, ReturnCode.UnknownContract),
            _ => (RawPartner.Envelope(signal, json => json["urgency"] = "Dringend"), signal.MessageId, ReturnCode.MalformedMessage),
        };
    }
}
