using Microsoft.Playwright;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// The timeline of a hand-off or case in a real browser against the real hub, on SQLite and on PostgreSQL: every step
/// the hub recorded, opened from the feed or an alert, scoped to the organisations party to it, and each view logged.
/// </summary>
public abstract class TimelineConsoleSpecs(Browser browser, HubDatabase database)
{
    private const string ConsentId = "toestemming-0042"; // the school's own id for the parents' consent: never on screen

    [Fact]
    public async Task A_hand_offs_timeline_shows_the_policy_decision_per_recipient_the_acknowledgement_and_the_triage_of_its_alert()
    {
        await using var network = await ConsoleNetwork.StartAsync(database: database);
        var school = await network.ConnectAsync(School);
        await network.ConnectAsync(Wijkteam); // acknowledges; the huisarts's system is offline
        await GiveConsentAsync(school);
        var signal = Messages.SignalFromSchool(network.Clock) with { Recipients = [Wijkteam, Huisarts, VeiligThuis], CreatedAt = network.Clock.GetUtcNow() };
        await school.Client.SendAsync(signal);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);

        network.Clock.Advance(TimeSpan.FromDays(7));
        await OpenViewAsync(page, "Attention list", "Attention list");
        var alert = AlertRow(page, "Overdue acknowledgement");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Pick up" }).ClickAsync();
        await Expect(alert).ToContainTextAsync(ConsoleNetwork.OperationsUser);

        await OpenViewAsync(page, "Feed", "Feed");
        await FeedRow(page, "Basisschool De Regenboog").GetByRole(AriaRole.Link, new() { Name = "Signaal" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#timeline/message/{signal.MessageId}$"));
        var allowed = Step(page, $"Policy decision for {Wijkteam}: allowed");
        await Expect(allowed).ToContainTextAsync("basis Toestemming");
        await Expect(allowed).ToContainTextAsync("purpose ShareWithNamedOrganisations");
        await Expect(allowed).ToContainTextAsync($"consent {School}/•••");
        await Expect(allowed).ToContainTextAsync("Delivered under rule");
        await Expect(Step(page, $"Policy decision for {Huisarts}: allowed")).ToBeVisibleAsync();
        var refused = Step(page, $"Policy decision for {VeiligThuis}: refused");
        await Expect(refused).ToContainTextAsync("Refused:");
        await Expect(refused.Locator(".fact.code")).ToBeVisibleAsync();
        await Expect(Step(page, $"{Wijkteam} acknowledged it")).ToBeVisibleAsync();
        await Expect(Step(page, $"Overdue: {Huisarts} did not answer in time")).ToBeVisibleAsync();
        await Expect(Step(page, $"picked up by {ConsoleNetwork.OperationsUser}")).ToBeVisibleAsync();
        await Expect(Step(page, $"{ConsoleNetwork.OperationsUser} (hub): acted")).ToContainTextAsync("picked up in the console");
        await Expect(page.Locator("#view-timeline")).Not.ToContainTextAsync(ConsentId);

        var viewed = Assert.Single(await network.AccessLogAsync(AccessEventKind.ConsoleView));
        Assert.Equal((ConsoleNetwork.OperationsUser, "hub", (Guid?)signal.MessageId), (viewed.Actor, viewed.OnBehalfOf, viewed.MessageId));
    }

    [Fact]
    public async Task A_stale_hand_over_appears_in_the_attention_list_and_one_click_opens_its_timeline()
    {
        await using var network = await ConsoleNetwork.StartAsync(database: database);
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await GiveConsentForHandOverAsync(veiligThuis);
        var offer = HandOverOffer(network.Clock);
        await veiligThuis.Client.SendAsync(offer);
        await wijkteam.WaitForAsync<WarmeOverdrachtOffered>(o => o.MessageId == offer.MessageId);
        HubMessage[] steps = // accepted, and the family reached; then nothing more
        [
            new WarmeOverdrachtAccepted
            {
                MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
                Purpose = Purpose.Coordination, CreatedAt = network.Clock.GetUtcNow(),
            },
            new FirstContactConfirmed
            {
                MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
                Purpose = Purpose.Coordination, CreatedAt = network.Clock.GetUtcNow(), ContactedOn = DateOnly.FromDateTime(network.Clock.GetUtcNow().UtcDateTime),
                ContactWith = [],
            },
        ];
        foreach (var step in steps)
        {
            await wijkteam.Client.SendAsync(step);
            await veiligThuis.WaitForAsync<HubMessage>(m => m.MessageId == step.MessageId);
        }

        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.OperationsUser);
        await OpenViewAsync(page, "Attention list", "Attention list");

        network.Clock.Advance(TimeSpan.FromDays(35)); // past twenty working days without a completion
        var stale = AlertRow(page, "Stale case").Filter(new() { HasText = "Warm hand-over" });
        await Expect(stale).ToContainTextAsync($"{offer.CorrelationId} is not completed");
        await stale.GetByRole(AriaRole.Link, new() { Name = "Timeline" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#timeline/case/{offer.CorrelationId}$"));
        await Expect(page.Locator("#timeline-subject")).ToHaveTextAsync($"Case {offer.CorrelationId}");
        await Expect(Step(page, $"The hub received V1.WarmeOverdrachtOffered from {VeiligThuis}")).ToBeVisibleAsync();
        await Expect(Step(page, $"The hub received V1.WarmeOverdrachtAccepted from {Wijkteam}")).ToBeVisibleAsync();
        await Expect(Step(page, "raised: V1.CaseStale")).ToContainTextAsync("is not completed");
    }

    [Fact]
    public async Task A_school_operator_is_refused_another_organisations_timeline_and_the_refusal_is_logged()
    {
        await using var network = await ConsoleNetwork.StartAsync(database: database);
        var school = await network.ConnectAsync(School);
        var veiligThuis = await network.ConnectAsync(VeiligThuis);
        await network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);
        await GiveConsentForHandOverAsync(veiligThuis);
        var handOver = HandOverOffer(network.Clock);
        await veiligThuis.Client.SendAsync(handOver);
        await veiligThuis.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == handOver.MessageId);
        var signal = Messages.SignalFromSchool(network.Clock);
        await school.Client.SendAsync(signal);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);

        // A link to Veilig Thuis's hand-over, as someone might share it.
        await page.GotoAsync($"/console#timeline/message/{handOver.MessageId}");
        await Expect(page.Locator("#view-timeline .empty")).ToContainTextAsync($"Refused: {School}, the organisation {ConsoleNetwork.SchoolUser} works for, is not a party to it.");
        await Expect(page.Locator("#timeline-steps li")).ToHaveCountAsync(0);

        await page.GotoAsync($"/console#timeline/message/{signal.MessageId}");
        await Expect(Step(page, $"{Wijkteam} acknowledged it")).ToBeVisibleAsync();

        var refusal = Assert.Single(await network.AccessLogAsync(AccessEventKind.AccessDenied));
        Assert.Equal((ConsoleNetwork.SchoolUser, School), (refusal.Actor, refusal.OnBehalfOf));
        Assert.Contains($"the timeline of message {handOver.MessageId}", refusal.Reason, StringComparison.Ordinal);
        var viewed = Assert.Single(await network.AccessLogAsync(AccessEventKind.ConsoleView));
        Assert.Equal((ConsoleNetwork.SchoolUser, School, (Guid?)signal.MessageId), (viewed.Actor, viewed.OnBehalfOf, viewed.MessageId));
    }

    private static ILocator Step(IPage page, string text) => page.Locator("#timeline-steps li").Filter(new() { HasText = text });
}

public sealed class TimelineConsole_on_sqlite(Browser browser) : TimelineConsoleSpecs(browser, HubDatabase.Sqlite), IClassFixture<Browser>;

[Collection(PostgresFixture.Collection)]
public sealed class TimelineConsole_on_postgresql(Browser browser, PostgresFixture postgres)
    : TimelineConsoleSpecs(browser, HubDatabase.PostgreSql(postgres)), IClassFixture<Browser>;
