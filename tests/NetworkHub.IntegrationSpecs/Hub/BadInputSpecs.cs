using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.IntegrationSpecs.Ledger;
using NetworkHub.Testing;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// Bad input is returned to its sender with a typed code and kept in quarantine, and the good message sent
/// right after it still arrives.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class BadInputSpecs(RabbitMqFixture broker) : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private InProcessHub _hub = null!;
    private PartnerProbe _school = null!;
    private PartnerProbe _wijkteam = null!;
    private RawPartner _rawSchool = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.CreateAsync(broker.Node);
        _hub = await _network.StartHubAsync("--NetworkHub:MaxMessageBytes=4096");
        _school = await _network.ConnectAsync(School);
        _wijkteam = await _network.ConnectAsync(Wijkteam);
        _rawSchool = await RawPartner.ConnectAsync(_network.BrokerUriFor(School));
        await GiveConsentAsync(_school);
    }

    public async Task DisposeAsync()
    {
        await _rawSchool.DisposeAsync();
        await _hub.DisposeAsync();
        await _network.DisposeAsync();
    }

    public static TheoryData<string, ReturnCode> BadInputs => new()
    {
        { "not json at all", ReturnCode.MalformedMessage },
        { "a signal missing its required category", ReturnCode.MalformedMessage },
        { "a contract the hub does not know", ReturnCode.UnknownContract },
        { "a signal to an unregistered organisation", ReturnCode.UnknownRecipient },
        { "a signal naming another organisation as its sender", ReturnCode.SenderMismatch },
        { "a signal larger than the hub accepts", ReturnCode.PayloadTooLarge },
        { "a signal whose recipients hold a null", ReturnCode.MalformedMessage },
        { "a signal whose required category is null", ReturnCode.MalformedMessage },
        { "a signal with an urgency its contract does not define", ReturnCode.MalformedMessage },
        { "a signal whose family members hold a null", ReturnCode.MalformedMessage },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_returned_with_its_code_and_quarantined_while_the_next_good_signal_arrives(string input, ReturnCode expected)
    {
        var quarantinedBefore = await CountQuarantinedAsync(expected);
        var good = Messages.SignalFromSchool(_network.Clock);

        await _rawSchool.PublishAsync(BadInput(input));
        await _school.Client.SendAsync(good);

        var returned = await _school.WaitForAsync<ReturnMessage>(r => r.Code == expected);
        Assert.Equal("hub", returned.ReturnedBy);
        Assert.False(string.IsNullOrWhiteSpace(returned.Reason));
        await _wijkteam.WaitForAsync<Signaal>(s => s.MessageId == good.MessageId);
        Assert.Equal(quarantinedBefore + 1, await CountQuarantinedAsync(expected));
    }

    private byte[] BadInput(string input)
    {
        var signal = Messages.SignalFromSchool(_network.Clock);
        return input switch
        {
            "not json at all" => RawPartner.Utf8("<melding>geen json</melding>"),
            "a signal missing its required category" => RawPartner.Envelope("urn:message:NetworkHub.Contracts.V1:Signaal", new
            {
                signal.MessageId, signal.CorrelationId, signal.SenderOrganisation, signal.Recipients,
                Purpose = 2, signal.CreatedAt, Urgency = 1, FamilyInformed = true,
            }),
            "a contract the hub does not know" => RawPartner.Envelope("urn:message:NetworkHub.Contracts.V1:Huisbezoek", new { signal.MessageId }),
            "a signal to an unregistered organisation" => RawPartner.Envelope(signal with { Recipients = ["onbekende-organisatie"] }),
            "a signal naming another organisation as its sender" => RawPartner.Envelope(signal with { SenderOrganisation = Huisarts }),
            "a signal larger than the hub accepts" => RawPartner.Envelope(signal with { Category = new string('x', 8000) }),
            "a signal whose recipients hold a null" => RawPartner.Envelope(signal, json => json["recipients"] = new JsonArray(Wijkteam, null)),
            "a signal whose required category is null" => RawPartner.Envelope(signal, json => json["category"] = null),
            "a signal with an urgency its contract does not define" => RawPartner.Envelope(signal, json => json["urgency"] = 999),
            "a signal whose family members hold a null" => RawPartner.Envelope(signal, json => json["familyMembers"] = new JsonArray((JsonNode?)null)),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
        };
    }

    private async Task<int> CountQuarantinedAsync(ReturnCode code)
    {
        await using var scope = _hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Quarantine.CountAsync(q => q.Code == code);
    }
}
