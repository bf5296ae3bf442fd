using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>With an identity provider configured, the console sends people there to sign in and offers no local accounts.</summary>
public sealed class OpenIdConnectConsoleSpecs
{
    [Fact]
    public async Task With_an_identity_provider_configured_the_console_sends_a_visitor_there_to_sign_in()
    {
        await using var provider = await StartProviderAsync();
        var authority = provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var network = await ConsoleNetwork.StartAsync(settings:
        [
            $"--NetworkHub:Console:OpenIdConnect:Authority={authority}",
            "--NetworkHub:Console:OpenIdConnect:ClientId=networkhub-console",
            "--NetworkHub:Console:OpenIdConnect:RequireHttpsMetadata=false",
        ]);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = network.Hub.Address };

        using var page = await http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!.ToString();
        Assert.StartsWith($"{authority}/authorize?", location);
        Assert.Contains("client_id=networkhub-console", location);
        Assert.Contains("code_challenge=", location);

        using var live = await http.PostAsync("/hubs/console/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, live.StatusCode);

        using var local = await http.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = ConsoleNetwork.OperationsUser,
            ["password"] = ConsoleNetwork.Password,
        }));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, local.StatusCode);
    }

    /// <summary>Just enough of an identity provider for a sign-in to start: its discovery document and (no) keys.</summary>
    private static async Task<WebApplication> StartProviderAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
        {
            var issuer = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["jwks_uri"] = $"{issuer}/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await app.StartAsync();
        return app;
    }
}
