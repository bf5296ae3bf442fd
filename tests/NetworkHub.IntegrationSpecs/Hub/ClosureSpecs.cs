using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>From the reports: cases were closed on refusal of help despite worries. The hub asks for an escalation decision first.</summary>
public abstract class ClosureSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private static readonly SubjectReference Child = new() { Role = SubjectRole.Child, Bsn = "999990019" };
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_closure_while_safety_concerns_are_open_is_refused_until_an_escalation_decision_is_recorded()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var worry = Worry(Leefgebied.Veiligheid);
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
            CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1), Target = OpschalingTarget.VeiligThuis, ReasonCode = OpschalingReason.HelpRefused,
            Reason = "Hulp geweigerd bij zorgen over veiligheid", Owner = "jeugdwerker team Noord", AnswerBefore = _network.Clock.GetUtcNow().AddDays(7),
        };
        await wijkteam.Client.SendAsync(escalation);
        await veiligThuis.WaitForAsync<Opschaling>(o => o.MessageId == escalation.MessageId);

        var closure = Closure();
        await wijkteam.Client.SendAsync(closure);
        await school.WaitForAsync<CaseClosed>(c => c.MessageId == closure.MessageId);
        var feedback = await school.WaitForAsync<Terugkoppeling>(t => t.ReportMessageId == worry.MessageId);
        Assert.Equal(TerugkoppelingStatus.Closed, feedback.Status);
    }

    [Fact]
    public async Task A_later_signal_about_safety_from_the_same_school_keeps_the_case_from_closing()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var first = Worry(Leefgebied.School);
        var later = Worry(Leefgebied.Veiligheid);
        foreach (var signal in new[] { first, later })
        {
            await school.Client.SendAsync(signal);
            await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
        }

        var closure = Closure();
        await wijkteam.Client.SendAsync(closure);

        var refused = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == closure.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, refused.Code);
    }

    private Signaal Worry(Leefgebied about) => Messages.SignalFromSchool(_network.Clock) with
    {
        Recipients = [], Purpose = Purpose.Coordination, LegalBasis = null, ConsentReference = null,
        Subject = Child with { SenderReference = "leerling-0042" }, Leefgebieden = [about],
    };

    [Fact]
    public async Task An_escalation_nobody_answers_by_its_date_is_flagged_to_the_escalating_wijkteam()
    {
        var clock = _network.Clock;
        clock.Freeze();
        await using var hub = await _network.StartHubAsync();
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var escalation = Escalation(clock.GetUtcNow());
        await wijkteam.Client.SendAsync(escalation);
        await veiligThuis.WaitForAsync<Opschaling>(o => o.MessageId == escalation.MessageId); // received and acknowledged, not answered

        clock.Advance(TimeSpan.FromDays(4));

        var overdue = await wijkteam.WaitForAsync<AcknowledgementOverdue>(a => a.OverdueMessageId == escalation.MessageId);
        Assert.Equal(VeiligThuis, overdue.Recipient);
        Assert.Equal(escalation.AnswerBefore, overdue.DueAt, TimeSpan.FromMicroseconds(1)); // PostgreSQL keeps microseconds
    }

    [Fact]
    public async Task An_answered_escalation_reaches_the_wijkteam_and_raises_no_alert()
    {
        var clock = _network.Clock;
        clock.Freeze();
        await using var hub = await _network.StartHubAsync();
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);
        var escalation = Escalation(clock.GetUtcNow());
        await wijkteam.Client.SendAsync(escalation);
        await veiligThuis.WaitForAsync<Opschaling>(o => o.MessageId == escalation.MessageId);

        await veiligThuis.Client.SendAsync(new OpschalingAnswered
        {
            MessageId = Guid.NewGuid(), CorrelationId = escalation.CorrelationId, SenderOrganisation = VeiligThuis, Recipients = [Wijkteam],
            Purpose = Purpose.Coordination, CreatedAt = clock.GetUtcNow(), OpschalingMessageId = escalation.MessageId,
            Decision = OpschalingDecision.TakenUp, Explanation = "Veilig Thuis start een onderzoek.",
        });
        var answer = await wijkteam.WaitForAsync<OpschalingAnswered>(a => a.OpschalingMessageId == escalation.MessageId);
        clock.Advance(TimeSpan.FromDays(4));
        await hub.WaitForDeadlineScanAsync();

        Assert.Equal(OpschalingDecision.TakenUp, answer.Decision);
        Assert.All(await hub.DeadlinesAsync(escalation.MessageId), d => Assert.Null(d.FiredAt));
        Assert.Equal(0, wijkteam.Count<AcknowledgementOverdue>(a => a.OverdueMessageId == escalation.MessageId));
    }

    private static Opschaling Escalation(DateTimeOffset now) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
        Subject = Child, Purpose = Purpose.ReportToVeiligThuis, LegalBasis = Grondslag.Meldrecht,
        Override = new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = "Ouders weigeren hulp terwijl de zorgen over veiligheid blijven." },
        CreatedAt = now, Target = OpschalingTarget.VeiligThuis, ReasonCode = OpschalingReason.HelpRefused,
        Reason = "Hulp geweigerd bij zorgen over veiligheid", Owner = "jeugdwerker team Noord", AnswerBefore = now.AddDays(3),
    };

    private CaseClosed Closure() => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School],
        Subject = Child, Purpose = Purpose.Coordination, CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1),
        Reason = "Gezin wil geen hulp meer",
    };
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Closure_on_sqlite(RabbitMqFixture broker) : ClosureSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Closure_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : ClosureSpecs(broker, HubDatabase.PostgreSql(postgres));
