using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// Console sign-in: a cookie issued after the local store checked the password. The cookie is HTTP-only and SameSite
/// strict, so another site can neither read it nor make the browser send it (no cross-site requests, no cross-site
/// WebSocket). OpenID Connect for production would be a second scheme issuing the same claims (<see cref="ConsoleUser"/>).
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "NetworkHub.Console";
    public const string Policy = "console-user";
    public const string SignInPath = "/console/sign-in";

    public static void Configure(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "NetworkHub.Console";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.Path = "/";
        cookie.LoginPath = SignInPath;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;

        // A page gets the sign-in page; the live hub and anything else gets 401, which its client understands.
        cookie.Events.OnRedirectToLogin = context =>
        {
            if (context.Request.Path.StartsWithSegments("/console"))
            {
                context.Response.Redirect(context.RedirectUri);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }

            return Task.CompletedTask;
        };
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
