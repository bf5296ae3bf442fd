using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Cli;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using RabbitMQ.Client;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// What the hub itself tells organisations about a child — matches, forwarded answers, regie conflicts, deletion
/// requests — is projected for each of them and shows in the audit, and the index cannot be probed for free.
/// </summary>
public abstract class DisclosureSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task After_a_match_the_audit_lists_the_match_notification_each_organisation_received_about_the_child()
    {
        await using (await _network.StartHubAsync())
        {
            var school = await _network.ConnectAsync(School);
            var huisarts = await _network.ConnectAsync(Huisarts);
            await RegisterAsync(school, IndexSignal(_network.Clock, School, Bsn, "leerling-0042"));
            await RegisterAsync(huisarts, IndexSignal(_network.Clock, Huisarts, Bsn, "patient-7781"));
            await school.WaitForAsync<MatchNotification>();
            await huisarts.WaitForAsync<MatchNotification>();
        }

        var (received, exit) = await _network.AuditAsync("audit", "received", "--bsn", Bsn, "--by", "fg-anna", "--reason", "inzageverzoek");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("2 transfer(s)", received, StringComparison.Ordinal);
        Assert.Contains($"hub -> {School}", received, StringComparison.Ordinal);
        Assert.Contains($"hub -> {Huisarts}", received, StringComparison.Ordinal);
        Assert.Contains(" HUB-MATCH ", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operators_see_a_match_on_their_feed_without_any_reference_to_the_child()
    {
        await using var hub = await _network.StartHubAsync();
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        await RegisterAsync(school, IndexSignal(_network.Clock, School, Bsn, "leerling-0042"));
        await RegisterAsync(huisarts, IndexSignal(_network.Clock, Huisarts, Bsn, "patient-7781"));
        var match = await school.WaitForAsync<MatchNotification>();

        var onTheFeed = await EventOnTheFeedAsync(match.MatchId);

        Assert.DoesNotContain(Bsn, onTheFeed, StringComparison.Ordinal);
        Assert.DoesNotContain("leerling-0042", onTheFeed, StringComparison.Ordinal);
        Assert.DoesNotContain("patient-7781", onTheFeed, StringComparison.Ordinal);
        Assert.DoesNotContain(match.Subject!.Pseudonym!, onTheFeed, StringComparison.Ordinal);
        Assert.DoesNotContain(match.MatchedSubject.Pseudonym!, onTheFeed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wijkteam_s_acknowledgement_reaches_the_school_without_the_bsn_the_wijkteam_added_and_the_audit_lists_it()
    {
        await using (await _network.StartHubAsync())
        {
            var school = await _network.ConnectAsync(School);
            var wijkteam = await _network.ConnectAsync(Wijkteam);
            await GiveConsentAsync(school);
            var signal = Messages.SignalFromSchool(_network.Clock);
            await school.Client.SendAsync(signal);
            await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);

            await wijkteam.Client.SendAsync(Messages.AcknowledgementOf(_network.Clock, signal, Wijkteam) with
            {
                Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn, SenderReference = "wijk-2026-0042" },
            });

            var ack = await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
            Assert.Null(ack.Subject?.Bsn);
        }

        var (received, _) = await _network.AuditAsync("audit", "received", "--reference", "leerling-0042", "--sender", School, "--by", "fg-anna", "--reason", "inzageverzoek");
        Assert.Contains($"{Wijkteam} -> {School}", received, StringComparison.Ordinal);
        Assert.Contains(" HUB-FORWARD ", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regie_conflict_and_a_deletion_request_show_in_the_audit_of_the_child()
    {
        await using (await _network.StartHubAsync())
        {
            var school = await _network.ConnectAsync(School);
            var wijkteam = await _network.ConnectAsync(Wijkteam);
            var gi = await _network.ConnectAsync(Gi);
            await GiveConsentAsync(school);
            var signal = Messages.SignalFromSchool(_network.Clock);
            await school.Client.SendAsync(signal);
            await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
            var withdrawal = Messages.ConsentWithdrawnBySchool(_network.Clock, Wijkteam, Huisarts);
            await school.Client.SendAsync(withdrawal);
            await wijkteam.WaitForAsync<DeletionRequested>(d => d.CorrelationId == withdrawal.CorrelationId);

            var first = Claim(Wijkteam, [School]);
            await wijkteam.Client.SendAsync(first);
            await school.WaitForAsync<RegieAssigned>(r => r.MessageId == first.MessageId);
            await gi.Client.SendAsync(Claim(Gi, [School]));
            await wijkteam.WaitForAsync<RegieConflict>();
            await gi.WaitForAsync<RegieConflict>();
        }

        var (deletion, _) = await _network.AuditAsync("audit", "received", "--reference", "leerling-0042", "--sender", School, "--by", "fg-anna", "--reason", "inzageverzoek");
        Assert.Contains($"{School} -> {Wijkteam}", deletion, StringComparison.Ordinal);
        Assert.Contains(" HUB-DELETION ", deletion, StringComparison.Ordinal);
        var (conflict, _) = await _network.AuditAsync("audit", "received", "--bsn", Bsn, "--by", "fg-anna", "--reason", "inzageverzoek");
        Assert.Contains($"hub -> {Gi}", conflict, StringComparison.Ordinal);
        Assert.Contains(" HUB-REGIE ", conflict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_police_probing_the_index_with_a_child_s_bsn_get_a_typed_return_and_learn_nobody_involved()
    {
        await using var hub = await _network.StartHubAsync();
        var huisarts = await _network.ConnectAsync(Huisarts);
        var politie = await _network.ConnectAsync(Politie);
        await RegisterAsync(huisarts, IndexSignal(_network.Clock, Huisarts, Bsn, "patient-7781"));
        var probe = IndexSignal(_network.Clock, Politie, Bsn, "pv-2026-0042");

        await politie.Client.SendAsync(probe);

        var returned = await politie.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == probe.MessageId);
        Assert.Equal(ReturnCode.NoLegalBasis, returned.Code);
        Assert.Equal(0, politie.Count<MatchNotification>()); // the return and any match would leave in one transaction
        await using var db = _network.OpenDatabase();
        Assert.True(await db.Quarantine.AnyAsync(q => q.MessageId == probe.MessageId && q.Code == ReturnCode.NoLegalBasis)); // kept for an operator
        Assert.False(await db.Signals.AnyAsync(s => s.Sender == Politie)); // nothing registered, so nobody is told either
    }

    /// <summary>The body of the match's event on hub.events, read without taking anything off the queue; waits until it is there.</summary>
    private async Task<string> EventOnTheFeedAsync(Guid matchId)
    {
        await using var connection = await new ConnectionFactory { Uri = _network.BrokerUriFor("hub") }.CreateConnectionAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            await using var channel = await connection.CreateChannelAsync(); // closing it puts the messages back
            while (await channel.BasicGetAsync(HubTopology.EventsQueue, autoAck: false) is { } delivery)
            {
                using var envelope = JsonDocument.Parse(delivery.Body);
                var message = envelope.RootElement.GetProperty("message");
                if (message.TryGetProperty("matchId", out var id) && id.GetGuid() == matchId)
                {
                    return message.GetRawText();
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No event for match {matchId} reached hub.events.");
    }

    private RegieAssigned Claim(string regisseur, string[] partners) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = regisseur,
        Recipients = partners,
        Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn },
        Purpose = Purpose.Coordination,
        CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1),
        Scope = RegieScope.Child,
        RegisseurOrganisation = regisseur,
        RegisseurDisplayName = "regisseur",
    };
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Disclosure_on_sqlite(RabbitMqFixture broker) : DisclosureSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Disclosure_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : DisclosureSpecs(broker, HubDatabase.PostgreSql(postgres));
