using System.Security.Claims;
using NetworkHub.LiveConsole.Access;

namespace NetworkHub.Specs.Console;

/// <summary>What the console keeps of a user an identity provider signed in: one role, an organisation it knows, a name.</summary>
public class OpenIdConnectClaimsSpecs
{
    private static readonly OpenIdConnectSettings Settings = new() { Authority = "https://login.example.nl" };

    private static (ConsoleUser? User, string? Refusal) SignIn(params (string Type, string Value)[] claims) =>
        OpenIdConnectSignIn.ToConsoleUser(new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc")), Settings,
            code => code == "school-de-regenboog");

    [Fact]
    public void A_school_operator_becomes_a_console_operator_of_the_school()
    {
        var (user, _) = SignIn(("preferred_username", "anna"), ("roles", "operator"), ("roles", "teacher"), ("organisation", "school-de-regenboog"));

        Assert.Equal(new ConsoleUser("anna", "operator", "school-de-regenboog"), user);
    }

    [Fact]
    public void The_operations_team_is_an_organisation_the_hub_always_knows()
    {
        var (user, _) = SignIn(("preferred_username", "beheer"), ("roles", "operator"), ("organisation", "hub"));

        Assert.True(user!.IsOperationsTeam);
    }

    [Theory]
    [InlineData("teacher", "school-de-regenboog", "has no console role")]
    [InlineData("operator,regisseur", "school-de-regenboog", "more than one console role")]
    [InlineData("operator", "", "named no organisation")]
    [InlineData("operator", "school-elders", "is not a partner of this hub")]
    public void A_user_without_one_console_role_and_a_known_organisation_is_refused(string roles, string organisation, string why)
    {
        var claims = roles.Split(',').Select(r => ("roles", r)).Append(("preferred_username", "anna"));
        if (organisation.Length > 0)
        {
            claims = claims.Append(("organisation", organisation));
        }

        var (user, refusal) = SignIn([.. claims]);

        Assert.Null(user);
        Assert.Contains(why, refusal);
    }
}
