using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// Console sign-in: a cookie issued after the local store checked the password, or after the organisation's identity
/// provider signed the user in (<see cref="OpenIdConnectSignIn"/>; the same claims, <see cref="ConsoleUser"/>). The
/// cookie is HTTP-only and SameSite lax (strict would drop it on the provider's redirect back), so another site can
/// neither read it nor make the browser send it with a cross-site request other than a top-level navigation; every
/// action goes over the live hub, which a cross-site page cannot open with it.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "NetworkHub.Console";
    public const string Policy = "console-user";
    public const string SignInPath = "/console/sign-in";

    /// <param name="openIdConnect">Sign-in goes to the identity provider instead of the local sign-in page.</param>
    public static void Configure(CookieAuthenticationOptions cookie, bool openIdConnect)
    {
        cookie.Cookie.Name = "NetworkHub.Console";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = openIdConnect ? SameSiteMode.Lax : SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.Path = "/";
        cookie.LoginPath = SignInPath;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;

        // A page gets the sign-in page; the live hub and anything else gets 401, which its client understands.
        cookie.Events.OnRedirectToLogin = context =>
        {
            if (!context.Request.Path.StartsWithSegments("/console"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            if (openIdConnect)
            {
                var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                return context.HttpContext.ChallengeAsync(OpenIdConnectSignIn.Scheme, new AuthenticationProperties { RedirectUri = back });
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
