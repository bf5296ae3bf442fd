using System.Reflection;
using System.Text.Json.Nodes;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Ingress;
using NetworkHub.IntegrationSpecs.Hub;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>
/// The hostile-input corpus, over AMQP: whatever a partner (or a broker user nobody is registered to) puts on the
/// ingress, the hub keeps it byte for byte in quarantine, returns it to its sender with a typed code when it knows
/// the sender, and delivers nothing of it to anyone; and the good signal the school sends right after arrives
/// exactly once. Part of the corpus is written by hand; the nulls are generated from the contracts themselves.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class HostileInputSpecs(HostileNetwork network) : IClassFixture<HostileNetwork>
{
    public static TheoryData<string> Returned => [.. HostileCorpus.HandWritten.Where(c => c.ReturnedToSender).Select(c => c.Name)];

    public static TheoryData<string> KeptOnly => [.. HostileCorpus.HandWritten.Where(c => !c.ReturnedToSender).Select(c => c.Name)];

    /// <summary>Nulls in every contract a partner may send; a partner's copy of a contract only the hub sends is refused unread.</summary>
    public static TheoryData<string> Nulls => [.. ContractSkeletons.NullPlacements.Where(p => !ContractCatalogue.SendersOf(p.Contract)!.HubOnly).Select(p => p.Describe())];

    public static TheoryData<string> HubOnly => [.. HostileCorpus.HubOnly.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Returned))]
    public Task Hostile_input_is_returned_to_its_sender_with_its_code_kept_in_quarantine_and_delivered_to_nobody_while_the_next_good_signal_arrives_once(string input) =>
        ExpectAsync(HostileCorpus.ByName[input]);

    [Theory]
    [MemberData(nameof(KeptOnly))]
    public Task Input_from_a_sender_the_hub_cannot_name_is_kept_in_quarantine_returned_to_nobody_and_delivered_to_nobody_while_the_next_good_signal_arrives_once(string input) =>
        ExpectAsync(HostileCorpus.ByName[input]);

    [Theory]
    [MemberData(nameof(Nulls))]
    public Task A_null_where_its_contract_requires_a_value_is_returned_as_malformed_naming_the_path_and_delivered_to_nobody_while_the_next_good_signal_arrives_once(string input)
    {
        var placement = ContractSkeletons.NullPlacements.Single(p => p.Describe() == input);
        // What a school may not send (a regie claim, minutes) comes from the wijkteam, to the school.
        var fromSchool = AllowedSenders.Refusal(placement.Contract, OrganisationType.School) is null;
        return ExpectAsync(new HostileCase(input, ReturnCode.MalformedMessage, n =>
        {
            var message = ContractSkeletons.For(placement.Contract, n.Clock);
            if (!fromSchool)
            {
                message["senderOrganisation"] = Wijkteam;
                message["recipients"] = new JsonArray(School);
            }

            placement.Apply(message);
            return Task.FromResult(new Poison(RawPartner.Envelope(RawPartner.UrnOf(placement.Contract), message), message["messageId"]!.GetValue<Guid>()));
        }) { ReasonMentions = placement.JsonPath, From = fromSchool ? Publisher.School : Publisher.Wijkteam });
    }

    [Theory]
    [MemberData(nameof(HubOnly))]
    public Task A_contract_only_the_hub_originates_is_returned_as_not_allowed_when_a_partner_sends_it_and_delivered_to_nobody(string input) =>
        ExpectAsync(HostileCorpus.ByName[input]);

    [Fact]
    public void Every_contract_only_the_hub_originates_has_a_case_in_the_corpus() =>
        Assert.All(ContractCatalogue.All.Where(c => ContractCatalogue.SendersOf(c)?.HubOnly == true),
            contract => Assert.Contains(contract, HostileCorpus.HubOnlyContracts));

    [Fact]
    public async Task A_signal_replayed_unchanged_is_delivered_once_and_not_returned()
    {
        var signal = network.GoodSignal();
        await network.DeliverAsync(signal);

        await network.RawSchool.PublishAsync(RawPartner.Envelope(signal));
        var next = network.GoodSignal();
        await network.DeliverAsync(next);

        Assert.Equal(1, network.Wijkteam.Deliveries(signal.MessageId));
        Assert.Equal(1, network.Wijkteam.Deliveries(next.MessageId));
        Assert.DoesNotContain(network.School.Received.OfType<ReturnMessage>(), r => r.ReturnedMessageId == signal.MessageId);
    }

    [Fact]
    public void Every_contract_filled_in_by_reflection_reads_as_its_contract_and_breaks_no_rule_of_its_shape()
    {
        var sender = new AuthenticatedSender(School, School);
        foreach (var contract in ContractCatalogue.All)
        {
            var body = RawPartner.Envelope(RawPartner.UrnOf(contract), ContractSkeletons.For(contract, network.Clock));
            var inbound = MassTransitEnvelope.Read(body, sender);

            Assert.True(inbound.Message is not null, $"{contract.Name}: {inbound.Unreadable?.Reason}");
            Assert.IsType(contract, inbound.Message);
            Assert.Null(MessageShape.FindProblem(inbound.Message));
        }

        var nullability = new NullabilityInfoContext();
        var withoutPlacement = ContractCatalogue.All.Where(contract => !ContractSkeletons.NullPlacements.Any(p => p.Contract == contract));
        Assert.All(withoutPlacement, contract => Assert.All(contract.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly),
            property => Assert.True(property.PropertyType.IsValueType || nullability.Create(property).ReadState == NullabilityState.Nullable,
                $"{contract.Name}.{property.Name} may not be null, yet no case puts a null there.")));
    }

    private Task ExpectAsync(HostileCase @case) => HostileExpectations.ExpectAsync(network, @case);
}
