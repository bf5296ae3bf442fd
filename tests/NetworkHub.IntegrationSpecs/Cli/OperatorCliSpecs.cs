using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Cli;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.IntegrationSpecs.Broker;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Cli;

/// <summary>
/// The operator tool on a real database and broker: the partner registry (add, list, disable, enable, rotate) and the
/// access log's audit, in the plain text a file or a pipe gets.
/// </summary>
public abstract partial class OperatorCliSpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Gemeente = "gemeente-jeugd";
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_partner_added_on_the_command_line_is_listed_gets_its_broker_user_from_provisioning_and_is_heard_by_the_hub_after_a_restart()
    {
        await (await _network.StartHubAsync()).DisposeAsync(); // the database exists, as the hub made it
        var user = _network.BrokerUser(Gemeente);

        var (added, addExit) = await CliAsync("partners", "add", Gemeente, "--name", "Gemeente Jeugdteam", "--type", "wijkteam", "--broker-user", user);
        var (listed, listExit) = await CliAsync("partners", "list");
        var (provisioned, provisionExit) = await CliAsync("partners", "provision");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok), (addExit, listExit, provisionExit));
        Assert.Contains("restart the hub", added, StringComparison.Ordinal);
        Assert.Matches($@"│ {Gemeente} +│ Gemeente Jeugdteam +│ Wijkteam +│ {user} +│ no user", listed);
        Assert.Matches($@"│ {School} +│ [^│]+│ School +│ {_network.BrokerUser(School)} +│ yes ", listed);
        var password = PrintedPassword().Match(provisioned).Groups[1].Value;
        Assert.NotEmpty(password);
        await using var hub = await _network.StartHubAsync();
        Assert.NotNull(hub.Services.GetRequiredService<OrganisationRegistry>().Find(Gemeente));
        var gemeente = await _network.ConnectAsync(Gemeente, password: password);
        var signal = Messages.SignalFromSchool(_network.Clock) with { SenderOrganisation = Gemeente };
        await gemeente.Client.SendAsync(signal);
        await gemeente.WaitForAsync<HubMessage>(m => m is Acknowledgement a && a.AcknowledgedMessageId == signal.MessageId
                                                     || m is ReturnMessage r && r.ReturnedMessageId == signal.MessageId);
    }

    [Fact]
    public async Task Adding_a_partner_under_a_code_or_broker_user_already_registered_is_refused_with_exit_2()
    {
        await (await _network.StartHubAsync()).DisposeAsync();

        var (sameCode, sameCodeExit) = await CliAsync("partners", "add", School, "--name", "Een andere school", "--type", "School");
        var (sameUser, sameUserExit) = await CliAsync("partners", "add", Gemeente, "--name", "Gemeente", "--type", "Wijkteam", "--broker-user", _network.BrokerUser(School));

        Assert.Equal((ExitCodes.UsageError, ExitCodes.UsageError), (sameCodeExit, sameUserExit));
        Assert.Contains($"{School} is registered already", sameCode, StringComparison.Ordinal);
        Assert.Contains($"is {School}'s", sameUser, StringComparison.Ordinal);
        await using var db = _network.OpenDatabase();
        Assert.False(await db.Organisations.AnyAsync(o => o.Code == Gemeente));
    }

    [Fact]
    public async Task A_partner_disabled_on_the_command_line_is_disconnected_at_once_listed_as_disabled_and_enabled_again_with_its_password()
    {
        var connection = await Amqp.ConnectAsync(_network.BrokerUriFor(School));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, _) => { closed.TrySetResult(); return Task.CompletedTask; };

        var (disabled, disableExit) = await CliAsync("partners", "disable", School);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var (listed, _) = await CliAsync("partners", "list");
        var (enabled, enableExit) = await CliAsync("partners", "enable", School);
        var (listedAgain, _) = await CliAsync("partners", "list");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (disableExit, enableExit));
        Assert.Contains("disabled: permissions withdrawn, 1 connection(s) closed", disabled, StringComparison.Ordinal);
        Assert.Matches($@"│ {School} +│[^\n]+│ disabled ", listed);
        Assert.Matches($@"│ {Wijkteam} +│[^\n]+│ yes ", listed);
        Assert.Contains("its password is unchanged", enabled, StringComparison.Ordinal);
        Assert.Matches($@"│ {School} +│[^\n]+│ yes ", listedAgain);
        await using var again = await Amqp.ConnectAsync(_network.BrokerUriFor(School));
        Assert.True(again.IsOpen);
    }

    [Fact]
    public async Task A_rotated_partner_gets_a_new_password_printed_once_and_the_old_one_stops_working()
    {
        var (rotated, exit) = await CliAsync("partners", "rotate", Huisarts);

        Assert.Equal(ExitCodes.Ok, exit);
        var password = Regex.Match(rotated, "new password, shown only now: ([^;]+);").Groups[1].Value;
        Assert.NotEmpty(password);
        await Assert.ThrowsAnyAsync<Exception>(() => Amqp.ConnectAsync(_network.BrokerUriFor(Huisarts)));
        await using var after = await Amqp.ConnectAsync(_network.BrokerUriFor(Huisarts, password));
        Assert.True(after.IsOpen);
    }

    [Fact]
    public async Task Audit_verify_reports_a_broken_chain_in_plain_text_and_exits_1()
    {
        var (_, migrateExit) = await CliAsync("db", "migrate");
        await using (var db = _network.OpenDatabase())
        {
            var log = new AccessLogStore(db);
            await log.AppendAsync(Enumerable.Range(0, 3).Select(_ => new AccessLogEntry
            {
                At = _network.Clock.GetUtcNow(), Event = AccessEventKind.Transfer, Actor = "hub-policy", OnBehalfOf = School, Recipient = Wijkteam,
            }), CancellationToken.None);
            await db.SaveChangesAsync();
            await log.SealAsync(100, CancellationToken.None);
        }

        var (intact, intactExit) = await CliAsync("audit", "verify");
        await using (var db = _network.OpenDatabase())
        {
            await db.AccessLog.Where(e => e.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.Recipient, Huisarts));
        }

        var (broken, brokenExit) = await CliAsync("audit", "verify");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.ChainBroken), (migrateExit, intactExit, brokenExit));
        Assert.Equal("Access log intact: 3 rows checked.", intact.Trim());
        Assert.Equal("Access log BROKEN at row 2 (HashMismatch); 1 rows checked.", broken.Trim());
    }

    /// <summary>The operator tool, configured as the hub is and allowed to provision partners on the network's broker.</summary>
    private Task<(string Output, int ExitCode)> CliAsync(params string[] command) => _network.AuditAsync([.. command, _network.BrokerManagementSetting]);

    [GeneratedRegex($"{Gemeente} \\(broker user [^)]+\\): created; password, shown only now: (\\S+)")]
    private static partial Regex PrintedPassword();
}

[Collection(RabbitMqFixture.Collection)]
public sealed class OperatorCli_on_sqlite(RabbitMqFixture broker) : OperatorCliSpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class OperatorCli_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : OperatorCliSpecs(broker, HubDatabase.PostgreSql(postgres));
