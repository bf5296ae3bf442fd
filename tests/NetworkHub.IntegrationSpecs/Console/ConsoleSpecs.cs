using Microsoft.Playwright;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// The console in a real browser (Debian's Chromium) against the real hub on Kestrel, on the in-memory transport as
/// the quick start runs it. Every wait is Playwright's: for something to appear, never for time to pass.
/// </summary>
public sealed class ConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_console_asks_for_sign_in_and_each_view_loads()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var page = await browser.OpenAsync(network.Hub.Address);

        await page.GotoAsync("/console");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in");
        await SignInAsync(page, ConsoleNetwork.OperationsUser);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Feed", Exact = true })).ToBeVisibleAsync();
        await OpenViewAsync(page, "Attention list", "Attention list");
        await Expect(page.GetByText("Nothing needs attention.")).ToBeVisibleAsync();
        await OpenViewAsync(page, "Partners", "Partners");
        await Expect(page.Locator("#partners-table tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#partners-table tbody tr").Filter(new() { HasText = "Veilig Thuis IJsselland" })).ToContainTextAsync("silent");
    }

    [Fact]
    public async Task A_signal_a_partner_sends_appears_in_the_feed_within_seconds()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);

        var signal = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(signal);

        var row = FeedRow(page, "Basisschool De Regenboog");
        await Expect(row).ToContainTextAsync("Signaal");
        await Expect(row).ToContainTextAsync("Sociaal Wijkteam Noord: acknowledged");

        // One the wijkteam sends back, one addressed to an organisation the hub does not know.
        wijkteam.Decide = _ => DeliveryOutcome.Declined(ReturnCode.DeclinedByRecipient, "Buiten het werkgebied.");
        await school.Client.SendAsync(Messages.SignalFromSchool(network.Clock));
        await school.Client.SendAsync(Messages.SignalFromSchool(network.Clock, to: "wijkteam-zuid"));
        await Expect(page.GetByText("Sociaal Wijkteam Noord: returned · NH019")).ToBeVisibleAsync();
        await Expect(page.GetByText("quarantined · NH004 UnknownRecipient")).ToBeVisibleAsync();

        await OpenViewAsync(page, "Partners", "Partners");
        var partner = page.Locator("#partners-table tbody tr").Filter(new() { HasText = "Basisschool De Regenboog" });
        await Expect(partner.Locator("td").Nth(3)).ToHaveTextAsync("2");
        await Expect(partner.Locator("td").Nth(4)).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task A_school_operator_sees_the_schools_traffic_and_not_another_organisations()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School);
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        await GiveConsentForHandOverAsync(veiligThuis);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);

        // Veilig Thuis's hand-over is recorded before the school's signal, so it would be on screen first.
        var handOver = HandOverOffer(network.Clock);
        await veiligThuis.Client.SendAsync(handOver);
        await veiligThuis.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == handOver.MessageId);
        await school.Client.SendAsync(Messages.SignalFromSchool(network.Clock));

        await Expect(FeedRow(page, "Basisschool De Regenboog")).ToContainTextAsync("Sociaal Wijkteam Noord: acknowledged");
        await Expect(FeedRow(page, "Veilig Thuis IJsselland")).ToHaveCountAsync(0);
        await page.ReloadAsync(); // and from the database, on load
        await Expect(FeedRow(page, "Basisschool De Regenboog")).ToHaveCountAsync(1);
        await Expect(page.Locator("#feed-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Organisation")).ToBeDisabledAsync();
        await OpenViewAsync(page, "Partners", "Partners");
        await Expect(page.Locator("#partners-table tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_overdue_acknowledgement_appears_in_the_attention_list_and_an_operator_picks_it_up_and_resolves_it()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School); // the wijkteam's system is offline: nobody acknowledges
        await GiveConsentAsync(school);
        var signal = await network.Hub.SendUnansweredSignalAsync(school);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);
        await OpenViewAsync(page, "Attention list", "Attention list");

        network.Clock.Advance(TimeSpan.FromDays(7));
        var alert = AlertRow(page, "Overdue acknowledgement");
        await Expect(alert).ToContainTextAsync($"did not acknowledge message {signal.MessageId}");
        await Expect(FeedRow(page, "Basisschool De Regenboog")).ToHaveCountAsync(1); // (the feed shows it overdue too)
        await Expect(page.Locator("#attention-count")).ToHaveTextAsync("1");

        await alert.GetByLabel("Note").FillAsync("wijkteam gebeld");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Pick up" }).ClickAsync();
        await Expect(alert).ToContainTextAsync(ConsoleNetwork.SchoolUser);
        await alert.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(alert).ToHaveCountAsync(0);

        var actions = await network.AccessLogAsync(AccessEventKind.OperatorAction);
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal((ConsoleNetwork.SchoolUser, School), (a.Actor, a.OnBehalfOf)));
        Assert.Contains("picked up in the console", actions[0].Reason, StringComparison.Ordinal);
        Assert.Contains("resolved in the console", actions[1].Reason, StringComparison.Ordinal);
        Assert.Equal(HandOffState.Overdue, await network.Hub.HandOffStateAsync(signal.MessageId));
    }

    [Fact]
    public async Task A_forged_hub_call_with_another_organisations_filter_is_refused_and_logged()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);

        // What a user could type in the browser's developer tools: the hub call the page makes, for Veilig Thuis.
        var answer = await page.EvaluateAsync<string>("""
            async organisation => {
              const forged = new signalR.HubConnectionBuilder().withUrl("/hubs/console").build();
              await forged.start();
              try {
                await forged.invoke("Feed", { organisation, contract: null, state: null });
                return "answered";
              } catch (error) {
                return error.message;
              } finally {
                await forged.stop();
              }
            }
            """, VeiligThuis);

        Assert.Contains("Refused", answer, StringComparison.Ordinal);
        var refusal = Assert.Single(await network.AccessLogAsync(AccessEventKind.AccessDenied));
        Assert.Equal((ConsoleNetwork.SchoolUser, School), (refusal.Actor, refusal.OnBehalfOf));
        Assert.Contains($"the feed of {VeiligThuis}", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains($"works for {School}", refusal.Reason, StringComparison.Ordinal);
    }
}
