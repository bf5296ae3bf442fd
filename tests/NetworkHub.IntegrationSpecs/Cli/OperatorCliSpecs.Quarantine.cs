using Microsoft.EntityFrameworkCore;
using NetworkHub.Cli;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Cli;

/// <summary><c>quarantine replay</c> on a real database beside the running hub, which sends what the tool recorded.</summary>
public abstract partial class OperatorCliSpecs
{
    [Fact]
    public async Task A_kept_signal_is_dry_run_then_replayed_on_the_command_line_and_the_running_hub_sends_it_to_the_wijkteam_once()
    {
        var defect = new DefectiveCalendar();
        await using var hub = await _network.StartHubAsync(defect.Install);
        var school = await _network.ConnectAsync(School);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        defect.Broken = true;
        var signal = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(signal);
        await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId && r.Code == ReturnCode.ProcessingFailed);
        defect.Broken = false;

        var (dryRun, dryRunExit) = await CliAsync("quarantine", "replay", "--organisation", School, "--code", "NH021", "--dry-run", "--by", "anna");
        var (replayed, replayExit) = await CliAsync("quarantine", "replay", "--organisation", School, "--code", "ProcessingFailed", "--batch", "5", "--rate", "50", "--by", "anna");
        var (again, againExit) = await CliAsync("quarantine", "replay", "--organisation", School, "--by", "anna");
        var (unknown, unknownExit) = await CliAsync("quarantine", "replay", "--code", "NH999", "--by", "anna");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok, ExitCodes.UsageError), (dryRunExit, replayExit, againExit, unknownExit));
        var routed = $@"│ #\d+ +│ {signal.MessageId} +│ V1.Signaal +│ {School} +│ Routed +│ - +│ {Wijkteam} +│";
        Assert.Contains("1 quarantined message(s) not replayed before match.", dryRun, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was recorded or sent.", dryRun, StringComparison.Ordinal);
        Assert.Matches(routed, dryRun);
        Assert.Matches(routed, replayed);
        Assert.Contains("1 Routed.", replayed, StringComparison.Ordinal);
        Assert.Contains("0 quarantined message(s) not replayed before match.", again, StringComparison.Ordinal);
        Assert.Contains("'NH999' is not a return code", unknown, StringComparison.Ordinal);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId); // the hub's outbox sweep sent what the tool recorded
        var next = Messages.SignalFromSchool(_network.Clock);
        await school.Client.SendAsync(next);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == next.MessageId);
        Assert.Equal(1, wijkteam.Deliveries(signal.MessageId));
        await using var db = _network.OpenDatabase();
        Assert.Equal("anna", (await db.Quarantine.SingleAsync(q => q.MessageId == signal.MessageId)).ReplayedBy);
    }
}
