using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.LiveConsole.Access;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;
using static NetworkHub.IntegrationSpecs.Hub.FamilyCase;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// The regisseur of the wijkteam at the console: the school signalled a 13-year-old and named the mother, the huisarts
/// signalled the mother, and the wijkteam holds regie. The regisseur convenes an MDO from the browser; it goes through the
/// hub as the wijkteam's message, the partners answer from their own systems, and the answers appear in the view as they
/// arrive.
/// </summary>
public sealed class RegisseurConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    private const string OtherRegisseur = "regisseur-vt";

    [Fact]
    public async Task A_regisseur_convenes_an_mdo_for_a_child_of_the_wijkteams_case_sees_the_answers_arrive_and_shares_minutes_with_the_attendees_only()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var (school, huisarts, _) = await BringTheFamilyTogetherAsync(network);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.RegisseurUser);
        await OpenViewAsync(page, "MDO", "MDO");

        await page.Locator("#mdo-cases tbody tr").First.GetByRole(AriaRole.Button).ClickAsync();
        var invitees = page.GetByRole(AriaRole.Group, new() { Name = "Invite the organisations involved" });
        await Expect(invitees.GetByText("signalled the child")).ToBeVisibleAsync();
        await Expect(invitees.Locator("label").Filter(new() { HasText = "Huisartsenpraktijk De Linde" })).ToContainTextAsync("signalled a parent");
        await Expect(invitees.Locator("label")).ToHaveCountAsync(2); // Veilig Thuis has no part in this family

        await page.GetByLabel("Child's BSN or your reference").FillAsync(ChildBsn);
        await invitees.GetByLabel("Basisschool De Regenboog").CheckAsync();
        await invitees.GetByLabel("Huisartsenpraktijk De Linde").CheckAsync();
        await page.GetByLabel("The parents").CheckAsync();
        await page.GetByLabel("The young person (12 or older)").CheckAsync();
        await page.GetByLabel("Purpose").FillAsync("Eén plan voor het gezin: schoolverzuim en schulden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(page.Locator(".mdo-convene .mdo-result")).ToHaveTextAsync("Invitation sent.");

        var invitation = await school.WaitForAsync<MdoUitnodiging>();
        await huisarts.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        Assert.Equal([SubjectRole.Parent, SubjectRole.Child], invitation.FamilyInvitees.Select(f => f.Role));
        var mdo = page.Locator($"article[data-mdo='{invitation.MdoId}']");
        await Expect(mdo.Locator("tr[data-invitee]")).ToHaveCountAsync(2);

        await school.Client.SendAsync(Answer(network.Clock, School, invitation.MdoId, MdoResponse.Accept));
        await Expect(mdo.Locator($"tr[data-invitee='{School}']")).ToContainTextAsync("accept");
        network.Clock.Advance(TimeSpan.FromDays(4.95)); // past the day before the answers are due: the hub reminds the huisarts
        await huisarts.WaitForAsync<MdoReminder>(r => r.MdoId == invitation.MdoId);
        await Expect(mdo.Locator($"tr[data-invitee='{Huisarts}']")).ToContainTextAsync("ago");
        await Expect(mdo.Locator($"tr[data-invitee='{School}'] td").Nth(2)).ToHaveTextAsync("—");
        await huisarts.Client.SendAsync(Answer(network.Clock, Huisarts, invitation.MdoId, MdoResponse.Decline));
        await Expect(mdo.Locator($"tr[data-invitee='{Huisarts}']")).ToContainTextAsync("decline");

        var minutes = mdo.GetByRole(AriaRole.Form, new() { Name = "Share the minutes" });
        await minutes.GetByLabel("Agreements").FillAsync("Schuldhulp wordt ingeschakeld via het wijkteam");
        await minutes.GetByLabel("Huisartsenpraktijk De Linde").CheckAsync(); // the huisarts did not come
        await minutes.GetByRole(AriaRole.Button, new() { Name = "Share minutes" }).ClickAsync();
        await Expect(minutes.Locator(".mdo-result")).ToContainTextAsync("Returned by the hub, nothing was sent: NH020 NotInvolved");
        await minutes.GetByLabel("Huisartsenpraktijk De Linde").UncheckAsync();
        await minutes.GetByRole(AriaRole.Button, new() { Name = "Share minutes" }).ClickAsync();
        await Expect(mdo).ToContainTextAsync("minutes shared");

        await school.WaitForAsync<MdoMinutesShared>(m => m.MdoId == invitation.MdoId);
        Assert.Equal(0, huisarts.Count<MdoMinutesShared>());
        Assert.DoesNotContain(ChildBsn, await page.ContentAsync(), StringComparison.Ordinal);
        var actions = (await network.AccessLogAsync(AccessEventKind.OperatorAction)).Where(a => a.Actor == ConsoleNetwork.RegisseurUser).ToList();
        Assert.All(actions, a => Assert.Equal(Wijkteam, a.OnBehalfOf));
        Assert.All(actions, a => Assert.NotNull(a.SubjectKey));
        Assert.Contains(actions, a => a.Reason!.StartsWith("Opened regie ", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Reason!.StartsWith($"Convened MDO {invitation.MdoId}", StringComparison.Ordinal) && a.Reason.EndsWith("Routed.", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Reason!.Contains("Returned (NH020 NotInvolved)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_regisseur_of_another_organisation_cannot_convene_for_the_wijkteams_child_and_the_attempt_is_logged()
    {
        await using var network = await ConsoleNetwork.StartAsync();
        var (school, _, _) = await BringTheFamilyTogetherAsync(network);
        network.Hub.Services.GetRequiredService<LocalAccounts>().Add(OtherRegisseur, ConsoleRoles.Regisseur, VeiligThuis, ConsoleNetwork.Password);
        var caseId = await CaseIdAsync(browser, network);
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, OtherRegisseur);
        await OpenViewAsync(page, "MDO", "MDO");
        await Expect(page.GetByText("Your organisation holds regie for no case yet")).ToBeVisibleAsync();

        // The hub call the wijkteam's page makes, typed into the developer tools of Veilig Thuis's regisseur.
        var answer = await page.EvaluateAsync<string>("""
            async ([caseId, child]) => {
              const forged = new signalR.HubConnectionBuilder().withUrl("/hubs/console").build();
              await forged.start();
              try {
                const at = new Date(Date.now() + 7 * 86400000).toISOString();
                await forged.invoke("ConveneMdo", { caseId, child, purpose: "MDO", location: null, meetingAt: at, rsvpBefore: at,
                  invitees: ["school-de-regenboog"], inviteParents: false, inviteYoungPerson: false, consentId: "x",
                  sharing: [{ content: "Plan", description: "plan" }] });
                return "answered";
              } catch (error) {
                return error.message;
              } finally {
                await forged.stop();
              }
            }
            """, new object[] { caseId, ChildBsn });

        Assert.Contains("Refused", answer, StringComparison.Ordinal);
        var refusal = Assert.Single(await network.AccessLogAsync(AccessEventKind.AccessDenied));
        Assert.Equal((OtherRegisseur, VeiligThuis), (refusal.Actor, refusal.OnBehalfOf));
        Assert.Contains($"convene an MDO for case {caseId}", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(0, school.Count<MdoUitnodiging>());
    }

    /// <summary>The school signals the child, naming the mother; the huisarts signals the mother; the wijkteam records consent and takes regie.</summary>
    private static async Task<(PartnerProbe School, PartnerProbe Huisarts, PartnerProbe Wijkteam)> BringTheFamilyTogetherAsync(ConsoleNetwork network)
    {
        var school = await network.ConnectAsync(School);
        var huisarts = await network.ConnectAsync(Huisarts);
        var wijkteam = await network.ConnectAsync(Wijkteam);
        await network.ConnectAsync(VeiligThuis);
        await RegisterAsync(school, ChildSignal(network.Clock, School));
        await RegisterAsync(huisarts, MotherSignal(network.Clock, Huisarts));
        await RegisterAsync(wijkteam, MdoConsent(network.Clock, OrganisationType.School, OrganisationType.Huisarts));
        var claim = RegieClaim(network.Clock, School);
        await wijkteam.Client.SendAsync(claim);
        await school.WaitForAsync<RegieAssigned>(r => r.MessageId == claim.MessageId);
        return (school, huisarts, wijkteam);
    }

    /// <summary>The case id as the wijkteam's regisseur's page holds it.</summary>
    private static async Task<string> CaseIdAsync(Browser browser, ConsoleNetwork network)
    {
        var page = await browser.OpenAsync(network.Hub.Address);
        await SignInAsync(page, ConsoleNetwork.RegisseurUser);
        await OpenViewAsync(page, "MDO", "MDO");
        return (await page.Locator("#mdo-cases tbody tr").First.GetAttributeAsync("data-case"))!;
    }
}
