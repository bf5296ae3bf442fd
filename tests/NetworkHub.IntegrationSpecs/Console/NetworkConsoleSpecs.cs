using Microsoft.Playwright;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Ledger;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>The network view in a real browser against the real hub: organisations as nodes, hand-offs counted on their edges as they happen.</summary>
public sealed class NetworkConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_hand_off_a_partner_sends_appears_on_its_edge_within_seconds_with_its_count()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);
        await OpenViewAsync(page, "Network", "Network");
        await Expect(page.Locator("#network-graph .org-node")).ToHaveCountAsync(4);

        await school.Client.SendAsync(Messages.SignalFromSchool(network.Clock));
        var edge = Edge(page, School, Wijkteam);
        await Expect(edge.Locator("td").Nth(2)).ToHaveTextAsync("1"); // acknowledged
        await Expect(page.Locator($"#network-graph .edge-label[data-edge='{School}>{Wijkteam}']")).ToHaveTextAsync("✓1");

        wijkteam.Decide = _ => DeliveryOutcome.Declined(ReturnCode.DeclinedByRecipient, "Buiten het werkgebied.");
        await school.Client.SendAsync(Messages.SignalFromSchool(network.Clock));
        await Expect(edge.Locator("td").Nth(5)).ToHaveTextAsync("1"); // returned
        await Expect(page.Locator($"#network-graph .edge-label[data-edge='{School}>{Wijkteam}']")).ToHaveTextAsync("✓1 ↩1");

        await page.ReloadAsync(); // and from the database, on load
        await Expect(edge).ToHaveTextAsync("Basisschool De RegenboogSociaal Wijkteam Noord1001");
    }

    [Fact]
    public async Task A_school_operator_sees_only_the_schools_edges_and_is_refused_another_organisations_network()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var school = await network.ConnectAsync(School);
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        await GiveConsentForHandOverAsync(veiligThuis);
        var handOver = HandOverOffer(network.Clock);
        await veiligThuis.Client.SendAsync(handOver);
        await veiligThuis.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == handOver.MessageId);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);
        await OpenViewAsync(page, "Network", "Network");

        await school.Client.SendAsync(Messages.SignalFromSchool(network.Clock));
        await Expect(Edge(page, School, Wijkteam).Locator("td").Nth(2)).ToHaveTextAsync("1");
        await Expect(page.Locator("#network-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#network-graph .org-node")).ToHaveCountAsync(2);

        var answer = await page.EvaluateAsync<string>("""
            async organisation => {
              const forged = new signalR.HubConnectionBuilder().withUrl("/hubs/console").build();
              await forged.start();
              try {
                await forged.invoke("Network", organisation);
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
        Assert.Contains($"the network of {VeiligThuis}", refusal.Reason, StringComparison.Ordinal);
    }

    private static ILocator Edge(IPage page, string sender, string recipient) => page.Locator($"#network-table tbody tr[data-edge='{sender}>{recipient}']");
}
