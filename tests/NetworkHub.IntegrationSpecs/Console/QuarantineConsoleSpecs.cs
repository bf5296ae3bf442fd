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
/// The Quarantine view in a real browser against the real hub: preview, dry run and replay of a kept message, which reaches
/// its recipient once; the message's personal data masked for an operator, unmasked by a privacy officer with a reason.
/// </summary>
public sealed class QuarantineConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    private const string Bsn = "999990019"; // a test BSN
    private const string Name = "Jansen";

    private static readonly SubjectReference Child = new() { Role = SubjectRole.Child, Bsn = Bsn, SenderReference = "leerling-0042" };

    [Fact]
    public async Task An_operator_previews_dry_runs_and_replays_a_kept_signal_the_wijkteam_receives_it_once_and_replaying_again_changes_nothing()
    {
        var defect = new DefectiveCalendar();
        await using var network = await ConsoleNetwork.StartAsync(configure: defect.Install);
        var (school, wijkteam) = (await network.ConnectAsync(School), await network.ConnectAsync(Wijkteam));
        var signal = await KeepSignalAsync(school, defect);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);
        await OpenViewAsync(page, "Quarantine", "Quarantine");

        await PreviewAsync(page);
        await Expect(page.Locator("#quarantine-count")).ToContainTextAsync("1 quarantined message(s) match: 1 × NH021 ProcessingFailed (Signaal)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(Results(page)).ToContainTextAsync("routed to Sociaal Wijkteam Noord");
        Assert.Equal(0, wijkteam.Deliveries(signal.MessageId));

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.Locator("#quarantine-progress-text")).ToHaveTextAsync("1 of 1 replayed — done");
        await Expect(Results(page)).ToContainTextAsync("routed to Sociaal Wijkteam Noord");
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
        await Expect(page.Locator("#quarantine-count")).ToContainTextAsync("No quarantined input matches");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.Locator("#quarantine-progress-text")).ToHaveTextAsync("Nothing to replay.");
        var next = Messages.SignalFromSchool(network.Clock) with { Subject = Child };
        await school.Client.SendAsync(next);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == next.MessageId); // what was sent before it has arrived
        Assert.Equal(1, wijkteam.Deliveries(signal.MessageId));
        var replayed = Assert.Single(await network.AccessLogAsync(AccessEventKind.OperatorAction), e => e.MessageId == signal.MessageId && e.Reason!.StartsWith("Replayed", StringComparison.Ordinal));
        Assert.Equal((ConsoleNetwork.SchoolUser, School), (replayed.Actor, replayed.OnBehalfOf));
    }

    [Fact]
    public async Task A_kept_signal_opened_by_an_operator_shows_its_fields_with_the_bsn_and_the_reason_masked()
    {
        var defect = new DefectiveCalendar();
        await using var network = await ConsoleNetwork.StartAsync(configure: defect.Install);
        await network.ConnectAsync(Wijkteam);
        await KeepSignalAsync(await network.ConnectAsync(School), defect);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);
        await OpenViewAsync(page, "Quarantine", "Quarantine");

        await PreviewAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open quarantined message" }).First.ClickAsync();

        await Expect(Field(page, "Subject.Bsn")).ToContainTextAsync("•••••");
        await Expect(Field(page, "Aanleiding")).ToContainTextAsync("•••••");
        await Expect(Field(page, "SenderOrganisation")).ToContainTextAsync(School);
        await Expect(Field(page, "Subject.Bsn").GetByRole(AriaRole.Button, new() { Name = "Unmask" })).ToHaveCountAsync(0);
        var html = await page.ContentAsync();
        Assert.DoesNotContain(Bsn, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, html, StringComparison.Ordinal);
        Assert.Contains(await network.AccessLogAsync(AccessEventKind.OperatorAction), e => e.Actor == ConsoleNetwork.SchoolUser && e.Reason!.StartsWith("Viewed quarantined message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_privacy_officer_unmasks_the_bsn_with_a_reason_and_the_access_log_says_who_which_field_and_why()
    {
        var defect = new DefectiveCalendar();
        await using var network = await ConsoleNetwork.StartAsync(configure: defect.Install);
        await network.ConnectAsync(Wijkteam);
        var signal = await KeepSignalAsync(await network.ConnectAsync(School), defect);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.PrivacyUser);
        await OpenViewAsync(page, "Quarantine", "Quarantine");
        await PreviewAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open quarantined message" }).First.ClickAsync();
        Assert.DoesNotContain(Bsn, await page.ContentAsync(), StringComparison.Ordinal);

        await Field(page, "Subject.Bsn").GetByLabel("Reason to unmask Subject.Bsn").FillAsync("verzoek van de ouders om inzage");
        await Field(page, "Subject.Bsn").GetByRole(AriaRole.Button, new() { Name = "Unmask" }).ClickAsync();

        await Expect(Field(page, "Subject.Bsn")).ToContainTextAsync(Bsn);
        await Expect(Field(page, "Aanleiding")).ToContainTextAsync("•••••"); // one field at a time
        var unmask = Assert.Single(await network.AccessLogAsync(AccessEventKind.Unmask));
        Assert.Equal((ConsoleNetwork.PrivacyUser, School, signal.MessageId), (unmask.Actor, unmask.OnBehalfOf, unmask.MessageId));
        Assert.Contains("Subject.Bsn", unmask.Reason, StringComparison.Ordinal);
        Assert.Contains("verzoek van de ouders om inzage", unmask.Reason, StringComparison.Ordinal);
        Assert.NotNull(unmask.SubjectKey);
        Assert.DoesNotContain(Bsn, unmask.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operators_forged_unmask_call_is_refused_and_logged()
    {
        var defect = new DefectiveCalendar();
        await using var network = await ConsoleNetwork.StartAsync(configure: defect.Install);
        await network.ConnectAsync(Wijkteam);
        await KeepSignalAsync(await network.ConnectAsync(School), defect);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.SchoolUser);

        // What an operator could type in the browser's developer tools: the privacy officer's hub call.
        var answer = await page.EvaluateAsync<string>("""
            async () => {
              const forged = new signalR.HubConnectionBuilder().withUrl("/hubs/console").build();
              await forged.start();
              try {
                const snapshot = await forged.invoke("QuarantineList", { organisation: null, contract: null, code: null, case: null, from: null, until: null, max: 10 });
                return await forged.invoke("Unmask", { source: "quarantine", id: String(snapshot.entries[0].id), field: "Subject.Bsn", reason: "nieuwsgierig" });
              } catch (error) {
                return error.message;
              } finally {
                await forged.stop();
              }
            }
            """);

        Assert.Contains("Refused: Only a privacy officer unmasks personal data", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(Bsn, answer, StringComparison.Ordinal);
        var refused = Assert.Single(await network.AccessLogAsync(AccessEventKind.AccessDenied));
        Assert.Equal((ConsoleNetwork.SchoolUser, School), (refused.Actor, refused.OnBehalfOf));
        Assert.Contains("unmask Subject.Bsn of quarantine", refused.Reason, StringComparison.Ordinal);
        Assert.Empty(await network.AccessLogAsync(AccessEventKind.Unmask));
    }

    /// <summary>
    /// The family consents; then the school's signal about the child (with a BSN, and a name in its reason) meets a defect in
    /// the hub, is returned as failed (NH021) and kept. Then the defect is fixed.
    /// </summary>
    private static async Task<Signaal> KeepSignalAsync(PartnerProbe school, DefectiveCalendar defect)
    {
        await RegisterAsync(school, Messages.ConsentFromSchool(school.Clock, Wijkteam) with { Subject = Child with { BirthDate = new DateOnly(2017, 3, 14) } });
        defect.Broken = true;
        var signal = Messages.SignalFromSchool(school.Clock) with { Subject = Child, Aanleiding = $"Zorgen over {Name} na gesprek met moeder" };
        await school.Client.SendAsync(signal);
        var returned = await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == signal.MessageId);
        Assert.Equal(ReturnCode.ProcessingFailed, returned.Code);
        defect.Broken = false;
        return signal;
    }

    private static async Task PreviewAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#quarantine-count")).Not.ToBeEmptyAsync();
    }

    private static ILocator Results(IPage page) => page.Locator("#quarantine-results tbody tr");

    private static ILocator Field(IPage page, string path) =>
        page.Locator("#quarantine-fields tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = path, Exact = true }) });
}
