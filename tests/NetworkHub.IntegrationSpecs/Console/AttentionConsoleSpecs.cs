using Microsoft.Playwright;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// The attention list's second part, "Waiting on someone": what follows from the hub's state rather than from an alert,
/// worked out on a timer for the whole network, scoped per organisation, and clearing itself when the state changes.
/// </summary>
public sealed class AttentionConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_school_operator_sees_its_hand_off_nearly_due_its_kept_message_and_its_silence_and_nothing_of_veilig_thuis_and_the_waiting_line_gives_way_to_an_alert_once_overdue()
    {
        await using var network = await ConsoleNetwork.StartAsync(settings: ["--NetworkHub:Console:AttentionInterval=00:00:00.200"]);
        var school = await network.ConnectAsync(School); // the wijkteam's system is offline: nobody acknowledges
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        await GiveConsentAsync(school);
        var lost = Messages.SignalFromSchool(network.Clock, to: "wijkteam-zuid") with { SenderOrganisation = VeiligThuis };
        await veiligThuis.Client.SendAsync(lost);
        await veiligThuis.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == lost.MessageId);
        var signal = await network.Hub.SendUnansweredSignalAsync(school);
        var kept = Messages.SignalFromSchool(network.Clock, to: "wijkteam-zuid");
        await school.Client.SendAsync(kept);
        await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == kept.MessageId); // seen by the hub before the clock moves on
        var handOff = Assert.Single(await network.Hub.HandOffsAsync(signal.MessageId));

        network.Clock.Advance(handOff.AcknowledgementDueAt!.Value - network.Clock.GetUtcNow() - TimeSpan.FromMinutes(5));
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);
        await OpenViewAsync(page, "Attention list", "Attention list");

        var waiting = StateRow(page, "waiting for wijkteam-noord to acknowledge");
        await Expect(waiting).ToContainTextAsync("1 hand-off from school-de-regenboog");
        await Expect(StateRow(page, "kept in quarantine")).ToContainTextAsync("1 message from school-de-regenboog kept in quarantine: NH004");
        await Expect(StateRow(page, "Nothing heard from Basisschool De Regenboog")).ToHaveCountAsync(1);
        await Expect(page.Locator("#attention-state-table tbody tr")).ToHaveCountAsync(3); // Veilig Thuis's kept message and silence are not the school's
        await Expect(waiting.GetByRole(AriaRole.Link, new() { Name = "Timeline" })).ToHaveAttributeAsync("href", $"#timeline/message/{signal.MessageId}");

        network.Clock.Advance(TimeSpan.FromMinutes(10)); // past due: the line becomes an alert to act on
        await Expect(AlertRow(page, "Overdue acknowledgement")).ToContainTextAsync($"did not acknowledge message {signal.MessageId}");
        await Expect(waiting).ToHaveCountAsync(0);
        await Expect(page.Locator("#attention-state-table tbody tr")).ToHaveCountAsync(2);
    }

    private static ILocator StateRow(IPage page, string text) => page.Locator("#attention-state-table tbody tr").Filter(new() { HasText = text });
}
