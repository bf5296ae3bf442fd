using Microsoft.Playwright;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Ledger;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// The privacy officer's view in a real browser against the real hub: overrides arrive in the review queue live and are
/// judged with a note, the audit of who received data about a person answers without showing the BSN again, and
/// everything done there is in the access log. Nobody else may use it.
/// </summary>
public sealed class PrivacyConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    private const string Bsn = "999990019"; // a test BSN

    [Fact]
    public async Task A_meldcode_override_a_partner_sends_appears_in_the_privacy_officers_queue_live_and_leaves_it_once_judged_with_a_note()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School);
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.PrivacyOfficerUser);
        await OpenViewAsync(page, "Privacy", "Privacy");
        await Expect(page.GetByText("No overrides await review.")).ToBeVisibleAsync();

        var melding = Messages.MeldingFromSchool(network.Clock);
        await school.Client.SendAsync(melding);

        var review = ReviewRow(page, "Basisschool De Regenboog");
        await Expect(review).ToContainTextAsync("Veilig Thuis IJsselland");
        await Expect(review).ToContainTextAsync("M-MELDING");
        await Expect(review).ToContainTextAsync("Beslissen");
        await Expect(page.Locator("#review-count")).ToHaveTextAsync("1");
        await veiligThuis.WaitForAsync<Signaal>(s => s.MessageId == melding.MessageId); // the melding went through meanwhile

        await review.GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        var decision = page.Locator("form.decision");
        await Expect(decision.GetByLabel("Justification")).ToHaveTextAsync(Messages.MeldingJustification);
        await decision.GetByLabel("Not justified").CheckAsync();
        await decision.GetByRole(AriaRole.Textbox).FillAsync("Stap 4 niet gezet; besproken met de school.");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Decide" }).ClickAsync();

        await Expect(review).ToHaveCountAsync(0);
        await Expect(page.GetByText("No overrides await review.")).ToBeVisibleAsync();
        await page.Locator("details.decided summary").ClickAsync();
        var decided = page.Locator("#decided-table tbody tr").Filter(new() { HasText = "not justified" });
        await Expect(decided).ToContainTextAsync(ConsoleNetwork.PrivacyOfficerUser);
        await Expect(decided).ToContainTextAsync("Stap 4 niet gezet; besproken met de school.");

        var rows = await network.AccessLogAsync(AccessEventKind.OverrideReview);
        Assert.Equal(2, rows.Count); // read the justification, then judged
        Assert.All(rows, r => Assert.Equal((ConsoleNetwork.PrivacyOfficerUser, "hub", melding.MessageId), (r.Actor, r.OnBehalfOf, r.MessageId)));
        Assert.Contains("judged not justified in the console", rows[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_by_bsn_lists_who_received_a_signal_about_the_child_shows_the_bsn_only_masked_and_is_itself_logged()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School);
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        var melding = Messages.MeldingFromSchool(network.Clock, Bsn);
        await school.Client.SendAsync(melding);
        await veiligThuis.WaitForAsync<Signaal>(s => s.MessageId == melding.MessageId);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.PrivacyOfficerUser);
        await OpenViewAsync(page, "Privacy", "Privacy");

        await page.Locator("#audit-form").GetByLabel("BSN", new() { Exact = true }).FillAsync(Bsn);
        await page.Locator("#audit-form").GetByLabel("Reason").FillAsync("Inzageverzoek van de ouders");
        await page.Locator("#audit-form").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        // The melding itself, and what the school heard back about it (Veilig Thuis' acknowledgement, forwarded by the hub).
        var melded = page.Locator("#audit-table tbody tr").Filter(new() { HasText = "M-MELDING" });
        await Expect(melded).ToHaveCountAsync(1);
        await Expect(melded.Locator("td").Nth(1)).ToHaveTextAsync("Basisschool De Regenboog");
        await Expect(melded.Locator("td").Nth(2)).ToHaveTextAsync("Veilig Thuis IJsselland");
        await Expect(melded.Locator("td").Nth(3)).ToHaveTextAsync("Signaal");
        await Expect(melded.Locator("td").Nth(4)).ToHaveTextAsync("Meldrecht");
        var answered = page.Locator("#audit-table tbody tr").Filter(new() { HasText = "HUB-FORWARD" });
        await Expect(answered.Locator("td").Nth(2)).ToHaveTextAsync("Basisschool De Regenboog");
        await Expect(answered.Locator("td").Nth(3)).ToHaveTextAsync("Acknowledgement");
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"^\d+ disclosure\(s\) about BSN ••••••019\."))).ToBeVisibleAsync();
        await Expect(page.Locator("#audit-form").GetByLabel("BSN", new() { Exact = true })).ToBeEmptyAsync();
        Assert.DoesNotContain(Bsn, await page.ContentAsync(), StringComparison.Ordinal);

        var asked = Assert.Single(await network.AccessLogAsync(AccessEventKind.AuditQuery));
        Assert.Equal((ConsoleNetwork.PrivacyOfficerUser, "hub"), (asked.Actor, asked.OnBehalfOf));
        Assert.Contains("Reason: Inzageverzoek van de ouders", asked.Reason, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(asked.SubjectKey));
        Assert.DoesNotContain(Bsn, asked.SubjectKey + asked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_is_not_offered_the_view_and_a_forged_review_call_is_refused_and_logged()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Partners" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Privacy" })).ToHaveCountAsync(0);

        // What a user could type in the browser's developer tools: the privacy officer's decision.
        var answer = await page.EvaluateAsync<string>("""
            async () => {
              const forged = new signalR.HubConnectionBuilder().withUrl("/hubs/console").build();
              await forged.start();
              try {
                await forged.invoke("DecideReview", 1, "justified", "niets aan de hand");
                return "answered";
              } catch (error) {
                return error.message;
              } finally {
                await forged.stop();
              }
            }
            """);

        Assert.Contains("Refused: Only privacy officers", answer, StringComparison.Ordinal);
        var refusal = Assert.Single(await network.AccessLogAsync(AccessEventKind.AccessDenied));
        Assert.Equal((ConsoleNetwork.OperationsUser, "hub"), (refusal.Actor, refusal.OnBehalfOf));
        Assert.Contains("judge override review #1", refusal.Reason, StringComparison.Ordinal);
        Assert.Empty(await network.AccessLogAsync(AccessEventKind.OverrideReview));
    }

    private static ILocator ReviewRow(IPage page, string text) => page.Locator("#review-table tbody tr[data-review]").Filter(new() { HasText = text });
}
