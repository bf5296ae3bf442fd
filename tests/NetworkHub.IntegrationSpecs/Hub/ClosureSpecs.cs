using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>From the reports: cases were closed on refusal of help despite worries. The hub asks for an escalation decision first.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ClosureSpecs(RabbitMqFixture broker) : IAsyncLifetime
{
    private static readonly SubjectReference Child = new() { Role = SubjectRole.Child, Bsn = "999990019" };
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_closure_while_safety_concerns_are_open_is_refused_until_an_escalation_decision_is_recorded()
    {
        await using var hub = await InProcessHub.StartAsync(_network.HubArguments());
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var worry = Messages.SignalFromSchool() with
        {
            Recipients = [], Purpose = Purpose.Coordination, LegalBasis = null, ConsentReference = null,
            Subject = Child with { SenderReference = "leerling-0042" }, Leefgebieden = [Leefgebied.Veiligheid],
        };
        await school.Client.SendAsync(worry);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == worry.MessageId);

        var tooEarly = Closure();
        await wijkteam.Client.SendAsync(tooEarly);
        var refused = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == tooEarly.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, refused.Code);
        Assert.Contains("escalation decision", refused.Reason, StringComparison.Ordinal);

        var escalation = new Opschaling
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Subject = Child, Purpose = Purpose.ReportToVeiligThuis, LegalBasis = Grondslag.Meldrecht,
            Override = new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = "Ouders weigeren hulp terwijl de zorgen over veiligheid blijven." },
            CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-1), Target = OpschalingTarget.VeiligThuis, ReasonCode = OpschalingReason.HelpRefused,
            Reason = "Hulp geweigerd bij zorgen over veiligheid", Owner = "jeugdwerker team Noord", AnswerBefore = DateTimeOffset.UtcNow.AddDays(7),
        };
        await wijkteam.Client.SendAsync(escalation);
        await veiligThuis.WaitForAsync<Opschaling>(o => o.MessageId == escalation.MessageId);

        var closure = Closure();
        await wijkteam.Client.SendAsync(closure);
        await school.WaitForAsync<CaseClosed>(c => c.MessageId == closure.MessageId);
        var feedback = await school.WaitForAsync<Terugkoppeling>(t => t.ReportMessageId == worry.MessageId);
        Assert.Equal(TerugkoppelingStatus.Closed, feedback.Status);
    }

    private static CaseClosed Closure() => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School],
        Subject = Child, Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        Reason = "Gezin wil geen hulp meer",
    };
}
