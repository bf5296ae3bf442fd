using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Live;
using NetworkHub.Core.Steering;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Live;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>Registers the console (/console, /hubs/console) with the hub's host.</summary>
public static class ConsoleSetup
{
    private const string SignalRClient = "lib/signalr.min.js";

    /// <summary>The console's files, copied beside the hub's assembly by the build.</summary>
    private static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static IServiceCollection AddNetworkHubConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConsoleOptions.SectionName);
        services.Configure<ConsoleOptions>(section);
        services.AddSingleton<LocalAccounts>();
        services.AddSingleton<IConsoleAccounts>(sp => sp.GetRequiredService<LocalAccounts>());
        // Every instance reads every other instance's cookies: the keys live in the hub's database.
        services.AddDataProtection().SetApplicationName("NetworkHub.Console");
        services.AddSingleton<DatabaseKeyRing>();
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseKeyRing>((keys, ring) => keys.XmlRepository = ring);
        var openIdConnect = section.GetSection(nameof(ConsoleOptions.OpenIdConnect)).Get<OpenIdConnectSettings>() ?? new();
        var authentication = services.AddAuthentication(ConsoleAuthentication.Scheme)
            .AddCookie(ConsoleAuthentication.Scheme, cookie => ConsoleAuthentication.Configure(cookie, openIdConnect.Enabled));
        if (openIdConnect.Enabled)
        {
            authentication.AddConsoleOpenIdConnect(openIdConnect);
        }

        services.AddAuthorizationBuilder().AddPolicy(ConsoleAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(ConsoleAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(ConsoleRoles.All)
            .RequireClaim(ConsoleUser.OrganisationClaim));
        services.AddSignalR();
        services.AddSingleton<PartnerActivity>();
        services.AddSingleton<ConsoleBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleBroadcaster>());

        // Raised activity goes straight to this instance's browsers, unless the host put a broker fan-out in between
        // (several instances): its sink publishes, and what each instance receives goes to its ConsoleBroadcaster.
        services.TryAddSingleton<IActivitySink>(sp => sp.GetRequiredService<ConsoleBroadcaster>());
        services.AddScoped<ConsoleReader>();
        services.AddScoped<ConsoleRefusals>();
        services.AddScoped<MdoReader>();
        services.AddScoped<ConsoleIngress>();
        services.AddScoped<QuarantineRecords>();
        services.AddScoped<IMaskedRecordSource>(sp => sp.GetRequiredService<QuarantineRecords>());
        services.AddScoped<MaskedRecords>();
        services.AddScoped<NetworkReader>();
        services.AddScoped<DerivedAttention>();
        services.AddSingleton<AttentionWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<AttentionWatch>());
        services.AddScoped<HandOverTrace>();
        services.AddScoped<SteeringReport>();
        return services;
    }

    public static WebApplication MapNetworkHubConsole(this WebApplication app)
    {
        foreach (var folder in new[] { "assets", "lib" }.Select(f => (Name: f, Path: Path.Combine(WebRoot, f))).Where(f => Directory.Exists(f.Path)))
        {
            // Pages are endpoints (the console's own requires sign-in); only scripts, styles and the npm package are files.
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder.Path), RequestPath = "/console/" + folder.Name });
        }

        app.MapGet("/console", () => File.Exists(Path.Combine(WebRoot, SignalRClient)) ? Page("index.html") : Results.Content(MissingClientPage, "text/html"))
            .RequireAuthorization(ConsoleAuthentication.Policy);
        if (app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.OpenIdConnect.Enabled)
        {
            // The identity provider signs users in; the local account store is not offered.
            app.MapGet(ConsoleAuthentication.SignInPath, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl(returnUrl) }, [OpenIdConnectSignIn.Scheme]));
        }
        else
        {
            app.MapGet(ConsoleAuthentication.SignInPath, () => Page("sign-in.html"));
            app.MapPost(ConsoleAuthentication.SignInPath, SignInAsync);
        }

        app.MapPost("/console/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(ConsoleAuthentication.Scheme);
            return Results.Redirect(ConsoleAuthentication.SignInPath);
        });
        app.MapHub<ConsoleHub>("/hubs/console");
        return app;
    }

    /// <summary>Back to a console page after sign-in, never to another site.</summary>
    private static string LocalReturnUrl(string? url) =>
        url is not null && url.StartsWith("/console", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url
            : "/console";

    private static IResult Page(string name) => Results.File(Path.Combine(WebRoot, name), "text/html; charset=utf-8");

    private static async Task<IResult> SignInAsync(HttpContext http, IConsoleAccounts accounts, ILoggerFactory logs)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = LocalReturnUrl(form["returnUrl"].ToString());
        var name = form["user"].ToString().Trim();
        var user = accounts.Verify(name, form["password"].ToString());
        var logger = logs.CreateLogger(typeof(ConsoleSetup));
        if (user is null)
        {
            logger.LogWarning("Console sign-in failed for user name {User}", name);
            return Results.Redirect($"{ConsoleAuthentication.SignInPath}?failed=1&ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        await http.SignInAsync(ConsoleAuthentication.Scheme, user.ToPrincipal(ConsoleAuthentication.Scheme));
        logger.LogInformation("Console sign-in: {User}, {Role} of {Organisation}", user.Name, user.Role, user.Organisation);
        return Results.Redirect(returnUrl);
    }

    /// <summary>What /console says when the build could not install the browser packages (no npm on the build machine).</summary>
    private const string MissingClientPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>NetworkHub console: browser package missing</title><link rel="icon" href="data:,"></head>
        <body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; line-height: 1.5">
        <h1>The console cannot start: its browser package is missing</h1>
        <p>The hub is running and routing messages. Only this console page is missing its SignalR client
        (<code>@microsoft/signalr</code>), which the build installs from npm. npm was not found when the hub was built.</p>
        <p>Install Node.js with npm (on Debian or Ubuntu: <code>sudo apt-get install nodejs npm</code>; elsewhere see nodejs.org),
        then build and start the hub again:</p>
        <pre>dotnet run --project src/NetworkHub.Host -- --demo</pre>
        </body></html>
        """;
}
