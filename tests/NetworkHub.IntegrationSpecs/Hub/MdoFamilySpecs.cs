using NetworkHub.Contracts.V1;
using static NetworkHub.IntegrationSpecs.Hub.FamilyCase;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// From the reports: families often accept only debt help, and the schuldhulp has "weinig contact" with the wijkteam.
/// The schuldhulp signalled the mother, not the child; it is involved with the family all the same and may be invited
/// to the child's MDO. An organisation the hub cannot link to the child or its family still may not.
/// </summary>
public abstract class MdoFamilySpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, SpecClock.Frozen(), database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_schuldhulp_that_signalled_the_mother_is_invited_to_the_childs_mdo_and_its_answer_reaches_the_regisseur()
    {
        await using var hub = await _network.StartHubAsync();
        var (school, schuldhulp, wijkteam) = await BringTheFamilyTogetherAsync();

        var invitation = Invitation(_network.Clock, School, Schuldhulp);
        await wijkteam.Client.SendAsync(invitation);

        await school.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        await schuldhulp.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        await schuldhulp.Client.SendAsync(Answer(_network.Clock, Schuldhulp, invitation.MdoId, MdoResponse.Accept));
        var answer = await wijkteam.WaitForAsync<MdoAnswer>(a => a.MdoId == invitation.MdoId);
        Assert.Equal((Schuldhulp, MdoResponse.Accept), (answer.SenderOrganisation, answer.Response));
        Assert.Equal(0, wijkteam.Count<ReturnMessage>(r => r.ReturnedMessageId == invitation.MessageId));
    }

    [Fact]
    public async Task An_organisation_that_signalled_another_family_is_still_refused_as_not_involved()
    {
        await using var hub = await _network.StartHubAsync();
        var (school, _, wijkteam) = await BringTheFamilyTogetherAsync();
        var huisarts = await _network.ConnectAsync(Huisarts);
        await RegisterAsync(huisarts, IndexSignal(_network.Clock, Huisarts, "999990068", "patient-0068")); // another child

        var invitation = Invitation(_network.Clock, School, Huisarts);
        await wijkteam.Client.SendAsync(invitation);

        var refused = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == invitation.MessageId);
        Assert.Equal(ReturnCode.NotInvolved, refused.Code);
        Assert.Contains(Huisarts, refused.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(School, refused.Reason, StringComparison.Ordinal);
        Assert.Equal(0, school.Count<MdoUitnodiging>());
        Assert.Equal(0, huisarts.Count<MdoUitnodiging>());
    }

    /// <summary>The school signals the child and names the mother; the schuldhulp signals the mother; the wijkteam takes regie.</summary>
    private async Task<(PartnerProbe School, PartnerProbe Schuldhulp, PartnerProbe Wijkteam)> BringTheFamilyTogetherAsync()
    {
        var school = await _network.ConnectAsync(School);
        var schuldhulp = await _network.ConnectAsync(Schuldhulp);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await RegisterAsync(school, ChildSignal(_network.Clock, School));
        await RegisterAsync(schuldhulp, MotherSignal(_network.Clock, Schuldhulp));
        await schuldhulp.WaitForAsync<MatchNotification>(); // the hub linked the mother's signal to her child's
        await RegisterAsync(wijkteam, MdoConsent(_network.Clock, OrganisationType.School, OrganisationType.Schuldhulp, OrganisationType.Huisarts));
        var claim = RegieClaim(_network.Clock, School);
        await wijkteam.Client.SendAsync(claim);
        await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        return (school, schuldhulp, wijkteam);
    }
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Mdo_family_on_sqlite(RabbitMqFixture broker) : MdoFamilySpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Mdo_family_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : MdoFamilySpecs(broker, HubDatabase.PostgreSql(postgres));
