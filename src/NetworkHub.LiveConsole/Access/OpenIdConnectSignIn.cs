using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Core.Registry;

namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// The console's production sign-in, section <c>NetworkHub:Console:OpenIdConnect</c>: the organisation's identity
/// provider authenticates, and the hub keeps only who, which console role and which organisation (the same three claims
/// as a local account, <see cref="ConsoleUser"/>) in its own cookie. A user the provider vouches for but without one
/// console role and an organisation the hub knows is refused.
/// </summary>
public sealed class OpenIdConnectSettings
{
    /// <summary>The provider's issuer address (its discovery document lives under it). Empty: local accounts only.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Over https only, unless a development provider on the same machine says otherwise.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The provider's claim holding the user's console role (operator, regisseur, privacy-officer).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The provider's claim holding the user's organisation code (or "hub" for the operations team).</summary>
    public string OrganisationClaim { get; set; } = "organisation";

    /// <summary>The provider's claim shown as the user's name in the console and the access log.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

public static class OpenIdConnectSignIn
{
    public const string Scheme = "NetworkHub.Console.OpenIdConnect";

    /// <summary>Adds the provider as the console's way to sign in, issuing the console's cookie.</summary>
    public static void AddConsoleOpenIdConnect(this AuthenticationBuilder authentication, OpenIdConnectSettings settings) =>
        authentication.AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.SignInScheme = ConsoleAuthentication.Scheme;
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.SaveTokens = false; // the cookie carries the console's three claims, not the provider's tokens
            oidc.CallbackPath = "/console/signin-oidc";
            oidc.MapInboundClaims = false;
            oidc.Events.OnTokenValidated = context =>
            {
                var registry = context.HttpContext.RequestServices.GetRequiredService<OrganisationRegistry>();
                var (user, refusal) = ToConsoleUser(context.Principal!, settings, code => registry.Find(code) is not null);
                if (user is null)
                {
                    context.Fail(refusal!);
                }
                else
                {
                    context.Principal = user.ToPrincipal(ConsoleAuthentication.Scheme);
                }

                return Task.CompletedTask;
            };
        });

    /// <summary>The console user the provider's claims describe, or why they describe none.</summary>
    public static (ConsoleUser? User, string? Refusal) ToConsoleUser(ClaimsPrincipal principal, OpenIdConnectSettings settings, Func<string, bool> knownOrganisation)
    {
        var name = principal.FindFirstValue(settings.NameClaim) ?? principal.FindFirstValue("sub");
        var roles = principal.FindAll(settings.RoleClaim).Select(c => c.Value).Where(ConsoleRoles.All.Contains).Distinct().ToArray();
        var organisation = principal.FindFirstValue(settings.OrganisationClaim);
        return (name, roles, organisation) switch
        {
            (null or "", _, _) => (null, "The identity provider named no user."),
            (_, { Length: 0 }, _) => (null, $"{name} has no console role ({string.Join(", ", ConsoleRoles.All)}) at the identity provider."),
            (_, { Length: > 1 }, _) => (null, $"{name} has more than one console role; a console user has one."),
            (_, _, null or "") => (null, $"The identity provider named no organisation for {name}."),
            _ when organisation != ConsoleRoles.OperationsTeam && !knownOrganisation(organisation!) =>
                (null, $"{name}'s organisation {organisation} is not a partner of this hub."),
            _ => (new ConsoleUser(name!, roles[0], organisation!), null),
        };
    }
}
