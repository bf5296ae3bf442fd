using System.Net;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>Two hub instances on one broker and one database, as a scaled-out deployment runs them.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ScaleOutConsoleSpecs(RabbitMqFixture broker, PostgresFixture postgres, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: HubDatabase.PostgreSql(postgres));

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Two_hub_instances_on_one_broker_both_show_every_live_event()
    {
        await using var first = await _network.StartHubAsync([.. ConsoleNetwork.AccountArguments()]);
        await using var second = await _network.StartHubAsync([.. ConsoleNetwork.AccountArguments()]);
        var school = await _network.ConnectAsync(School);
        await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        var onFirst = await browser.OpenAsync(first.Address);
        var onSecond = await browser.OpenAsync(second.Address);
        await SignInAsync(onFirst, ConsoleNetwork.OperationsUser);
        await SignInAsync(onSecond, ConsoleNetwork.OperationsUser);

        // The instances take turns at the ingress: whichever routes a signal, both consoles show it.
        var signals = Enumerable.Range(0, 4).Select(_ => Messages.SignalFromSchool(_network.Clock)).ToArray();
        foreach (var signal in signals)
        {
            await school.Client.SendAsync(signal);
        }

        foreach (var page in new[] { onFirst, onSecond })
        {
            foreach (var signal in signals)
            {
                await Expect(page.Locator($"#feed-table tbody tr[data-key='{signal.MessageId}']")).ToContainTextAsync("Sociaal Wijkteam Noord: acknowledged");
            }
        }
    }

    [Fact]
    public async Task A_console_user_signed_in_at_one_hub_instance_is_signed_in_at_the_others()
    {
        await using var first = await _network.StartHubAsync([.. ConsoleNetwork.AccountArguments()]);
        await using var second = await _network.StartHubAsync([.. ConsoleNetwork.AccountArguments()]);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        using var signedIn = await http.PostAsync(new Uri(first.Address, "/console/sign-in"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = ConsoleNetwork.OperationsUser,
            ["password"] = ConsoleNetwork.Password,
        }));
        Assert.Equal("/console", signedIn.Headers.Location?.OriginalString);

        // The cookie the first instance issued, shown to the second (as a load balancer without sticky sessions would).
        var cookie = cookies.GetCookieHeader(first.Address);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(second.Address, "/console")) { Headers = { { "Cookie", cookie } } };
        using var page = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await using var db = _network.OpenDatabase();
        Assert.NotEmpty(db.ConsoleKeys);
    }
}
