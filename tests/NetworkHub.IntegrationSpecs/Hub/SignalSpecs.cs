using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>Signals in the hub's index and the matches that make organisations find each other.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class SignalSpecs(RabbitMqFixture broker) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task When_a_school_and_a_huisarts_signal_the_same_child_each_learns_who_else_is_involved_and_nothing_more()
    {
        await using var hub = await InProcessHub.StartAsync(_network.HubArguments());
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await RegisterAsync(school, Signal(School, "leerling-0042"));

        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));

        var atSchool = await school.WaitForAsync<MatchNotification>();
        var atHuisarts = await huisarts.WaitForAsync<MatchNotification>();
        Assert.Equal([Huisarts], atSchool.InvolvedOrganisations);
        Assert.Equal([School], atHuisarts.InvolvedOrganisations);
        Assert.Equal(atSchool.MatchId, atHuisarts.MatchId);
        Assert.Equal("leerling-0042", atSchool.MatchedSubject.SenderReference); // each its own reference
        Assert.Equal("patient-7781", atHuisarts.MatchedSubject.SenderReference);
        Assert.Null(atSchool.MatchedSubject.Bsn);
        Assert.NotEqual(atSchool.MatchedSubject.Pseudonym, atHuisarts.MatchedSubject.Pseudonym); // unlinkable without the hub
    }

    [Fact]
    public async Task A_second_signal_from_the_same_school_raises_no_match()
    {
        await using var hub = await InProcessHub.StartAsync(_network.HubArguments());
        var school = await _network.ConnectAsync(School);

        await RegisterAsync(school, Signal(School, "leerling-0042"));
        await RegisterAsync(school, Signal(School, "leerling-0042"));

        await Task.Delay(1000);
        Assert.Equal(0, school.Count<MatchNotification>());
    }

    [Fact]
    public async Task A_withdrawn_signal_is_reported_to_the_organisations_it_was_matched_with()
    {
        await using var hub = await InProcessHub.StartAsync(_network.HubArguments());
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var fromSchool = Signal(School, "leerling-0042");
        await RegisterAsync(school, fromSchool);
        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));
        await huisarts.WaitForAsync<MatchNotification>();

        var withdrawal = new SignaalWithdrawn
        {
            MessageId = Guid.NewGuid(), CorrelationId = fromSchool.CorrelationId, SenderOrganisation = School,
            Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
            SignaalMessageId = fromSchool.MessageId, Reason = "Zorgen weggenomen na gesprek met ouders",
        };
        await RegisterAsync(school, withdrawal);

        var told = await huisarts.WaitForAsync<SignaalWithdrawn>(w => w.SignaalMessageId == fromSchool.MessageId);
        Assert.Null(told.Subject);
    }

    /// <summary>Sends a message to the hub's index and waits until the hub has registered it.</summary>
    private static async Task RegisterAsync(PartnerProbe partner, HubMessage message)
    {
        await partner.Client.SendAsync(message);
        await partner.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == message.MessageId);
    }

    private static Signaal Signal(string from, string ownReference) => Messages.SignalFromSchool() with
    {
        SenderOrganisation = from,
        Recipients = [], // for the index only, as with the Verwijsindex
        Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn, SenderReference = ownReference },
        LegalBasis = null,
        ConsentReference = null,
        Purpose = Purpose.Coordination,
    };
}
