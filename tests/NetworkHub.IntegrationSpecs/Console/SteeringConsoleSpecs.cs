using Microsoft.Playwright;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Ledger;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// The hand-overs and sturingsinformatie views in a real browser: tracing Veilig Thuis's hand-overs (and the access log
/// recording each question), an organisation's operator kept to its own origin, and a month's figures with their chart.
/// </summary>
public sealed class SteeringConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_hand_overs_view_lists_a_hand_over_Veilig_Thuis_handed_down_with_its_state_and_age_and_logs_the_question()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        await network.ConnectAsync(Wijkteam);
        await GiveConsentForHandOverAsync(veiligThuis);
        var offer = HandOverOffer(network.Clock);
        await veiligThuis.Client.SendAsync(offer);
        await veiligThuis.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == offer.MessageId);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);

        await OpenViewAsync(page, "Hand-overs", "Hand-overs");
        var query = page.Locator("#handovers-query");
        await query.GetByLabel("Origin").SelectOptionAsync(VeiligThuis);
        await query.GetByLabel("Reason").FillAsync("navraag gemeente");
        await query.GetByRole(AriaRole.Button, new() { Name = "Trace" }).ClickAsync();

        await Expect(page.Locator("#handovers-summary")).ToContainTextAsync("1 hand-over(s) originating at Veilig Thuis IJsselland");
        var row = page.Locator("#handovers-table tbody tr").Filter(new() { HasText = offer.CorrelationId.ToString() });
        await Expect(row).ToContainTextAsync("Veilig Thuis IJsselland → Sociaal Wijkteam Noord");
        await Expect(row).ToContainTextAsync("Offered");
        await Expect(row.Locator("td.age")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ s$"));
        var asked = Assert.Single(await network.AccessLogAsync(AccessEventKind.Lookup));
        Assert.Equal((ConsoleNetwork.OperationsUser, "hub"), (asked.Actor, asked.OnBehalfOf));
        Assert.Contains($"hand-overs originating at {VeiligThuis}", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("Why: navraag gemeente", asked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_school_operator_traces_only_the_schools_own_cases_and_a_forged_question_about_Veilig_Thuis_is_refused_and_logged()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);
        await OpenViewAsync(page, "Hand-overs", "Hand-overs");
        await Expect(page.Locator("#handovers-query").GetByLabel("Origin")).ToBeDisabledAsync();

        // What a user could type in the browser's developer tools: the view's hub call, for Veilig Thuis's cases.
        var answer = await page.EvaluateAsync<string>("""
            async origin => {
              const forged = new signalR.HubConnectionBuilder().withUrl("/hubs/console").build();
              await forged.start();
              try {
                await forged.invoke("HandOvers", { origin, from: "2026-01-01", until: "2026-12-31", state: null, why: "nieuwsgierig" });
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
        Assert.Contains($"hand-overs of {VeiligThuis}", refusal.Reason, StringComparison.Ordinal);
        Assert.Empty(await network.AccessLogAsync(AccessEventKind.Lookup));
    }

    [Fact]
    public async Task The_sturingsinformatie_view_shows_the_months_figures_per_partner_and_their_chart()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var first = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(first);
        await school.WaitForAsync<Terugkoppeling>(t => t.ReportMessageId == first.MessageId); // picked up: the school hears back
        wijkteam.Decide = _ => DeliveryOutcome.Declined(ReturnCode.DeclinedByRecipient, "Buiten het werkgebied.");
        var second = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(second);
        await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == second.MessageId);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);

        await OpenViewAsync(page, "Sturingsinformatie", "Sturingsinformatie");
        await Expect(page.GetByLabel("Month")).ToHaveValueAsync("2026-11");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var wijkteamRow = page.Locator("#steering-table tbody tr[data-partner='wijkteam-noord'] td");
        await Expect(wijkteamRow.Nth(2)).ToHaveTextAsync("2"); // received
        await Expect(wijkteamRow.Nth(3)).ToHaveTextAsync("1 (50%)"); // acknowledged in time
        await Expect(wijkteamRow.Nth(5)).ToHaveTextAsync("1 (NH019: 1)"); // returned, by code
        var schoolRow = page.Locator("#steering-table tbody tr[data-partner='school-de-regenboog'] td");
        await Expect(schoolRow.Nth(1)).ToHaveTextAsync("2"); // sent
        await Expect(schoolRow.Nth(10)).ToHaveTextAsync("1 of 1 (100%)"); // heard back: one registration in the index, picked up
        await Expect(page.Locator("#steering-chart svg rect.bar.in-time[data-part]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#steering-chart svg rect.bar.returned[data-part]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#steering-chart svg")).ToContainTextAsync("Sociaal Wijkteam Noord");
    }
}
