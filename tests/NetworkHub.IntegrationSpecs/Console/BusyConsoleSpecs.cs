using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Core.Live;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>A busy network: a browser gets what a screen can show each second, never everything the hub routed.</summary>
public sealed class BusyConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task In_a_busy_second_the_feed_shows_the_newest_hand_offs_live_and_says_how_many_more_there_were()
    {
        await using var network = await ConsoleNetwork.StartAsync(settings: ["--NetworkHub:Console:LiveRowsPerBatch=3"]);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");

        // Ten routed messages committed within one batch interval, as a busy hub raises them.
        var at = network.Clock.GetUtcNow();
        network.Hub.Services.GetRequiredService<IActivitySink>().Publish(Enumerable.Range(1, 10)
            .Select(i => new HandOffAccepted(Guid.NewGuid(), Guid.NewGuid(), "Signaal", School, [Wijkteam], at.AddSeconds(i)))
            .ToArray());

        await Expect(page.Locator("#feed-omitted")).ToContainTextAsync("7 older hand-offs and changes");
        await Expect(page.Locator("#feed-table tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#feed-table tbody tr").First).ToContainTextAsync("Sociaal Wijkteam Noord: waiting");
    }
}
