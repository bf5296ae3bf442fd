using NetworkHub.Cli;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>After the documented key rotation (a new current key beside the old one) nothing filed before it goes out of sight.</summary>
public abstract class KeyRotationSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private TestNetwork _network = null!;

    /// <summary>The rotation: a new key made current; the spec key every hub on the network has stays configured.</summary>
    private static readonly string[] Rotated =
    [
        "--NetworkHub:Pseudonyms:CurrentKeyId=2026",
        $"--NetworkHub:Pseudonyms:Keys:2026={Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)])}",
    ];

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task After_a_key_rotation_a_match_a_regie_conflict_and_the_closure_check_still_see_what_was_filed_before_it()
    {
        PartnerProbe school, wijkteam;
        var worry = Signal(School, "leerling-0042") with { Leefgebieden = [Leefgebied.Veiligheid] };
        var claim = Claim(Wijkteam);
        await using (await _network.StartHubAsync())
        {
            school = await _network.ConnectAsync(School);
            wijkteam = await _network.ConnectAsync(Wijkteam);
            await RegisterAsync(school, worry);
            await wijkteam.Client.SendAsync(claim);
            await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        }

        await using var rotated = await _network.StartHubAsync(Rotated);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var gi = await _network.ConnectAsync(Gi);

        await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781"));
        var match = await huisarts.WaitForAsync<MatchNotification>();
        Assert.Equal([School], match.InvolvedOrganisations);
        Assert.Equal(Wijkteam, match.RegisseurOrganisation);

        var rival = Claim(Gi);
        await gi.Client.SendAsync(rival);
        var conflict = await gi.WaitForAsync<RegieConflict>();
        Assert.Equal(claim.MessageId, conflict.ExistingClaim.ClaimMessageId);

        var closure = new CaseClosed
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School],
            Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn }, Purpose = Purpose.Coordination,
            CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1), Reason = "Gezin wil geen hulp meer",
        };
        await wijkteam.Client.SendAsync(closure);
        var refused = await wijkteam.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == closure.MessageId);
        Assert.Equal(ReturnCode.DomainRuleViolated, refused.Code);
        Assert.Contains("Safety concerns", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rekeying_moves_the_records_of_a_child_seen_since_the_rotation_to_the_current_key_once_and_safely_again()
    {
        await using (await _network.StartHubAsync())
        {
            var school = await _network.ConnectAsync(School);
            await RegisterAsync(school, Signal(School, "leerling-0042") with { Leefgebieden = [Leefgebied.Veiligheid] });
        }

        await using (await _network.StartHubAsync(Rotated))
        {
            var huisarts = await _network.ConnectAsync(Huisarts);
            await RegisterAsync(huisarts, Signal(Huisarts, "patient-7781")); // the hub sees the child again
            await huisarts.WaitForAsync<MatchNotification>();
        }

        var first = await CliAsync("keys", "rekey");
        var again = await CliAsync("keys", "rekey");

        Assert.Contains("Rekeyed 1 people", first, StringComparison.Ordinal);
        Assert.Contains("No records are filed under earlier keys", first, StringComparison.Ordinal);
        Assert.Contains("Rekeyed 0 people", again, StringComparison.Ordinal);
        await using var db = _network.OpenDatabase();
        Assert.All(db.Signals, s => Assert.StartsWith("2026:", s.SubjectKey, StringComparison.Ordinal));
    }

    /// <summary>Runs the operator tool with the rotated hub's configuration; fails the spec unless it exits 0.</summary>
    private async Task<string> CliAsync(params string[] command)
    {
        using var output = new StringWriter();
        var exit = await NetworkHubCommand.RunAsync([.. command, .. _network.HubArguments(Rotated)], output, CancellationToken.None);
        Assert.True(exit == ExitCodes.Ok, output.ToString());
        return output.ToString();
    }

    private RegieAssigned Claim(string regisseur) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = regisseur, Recipients = [School],
        Subject = new SubjectReference { Role = SubjectRole.Child, Bsn = Bsn }, Purpose = Purpose.Coordination,
        CreatedAt = _network.Clock.GetUtcNow().AddSeconds(-1), Scope = RegieScope.Child, RegisseurOrganisation = regisseur, RegisseurDisplayName = "regisseur",
    };

    private Signaal Signal(string from, string ownReference) => IndexSignal(_network.Clock, from, Bsn, ownReference);
}

[Collection(RabbitMqFixture.Collection)]
public sealed class KeyRotation_on_sqlite(RabbitMqFixture broker) : KeyRotationSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class KeyRotation_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : KeyRotationSpecs(broker, HubDatabase.PostgreSql(postgres));
