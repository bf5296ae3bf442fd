using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NetworkHub.Testing;

/// <summary>The few RabbitMQ management HTTP calls the fixtures need: users, virtual hosts, permissions, policies.</summary>
internal sealed class ManagementApi : IDisposable
{
    private readonly HttpClient _http;

    public ManagementApi(Uri baseUri)
    {
        var userInfo = Uri.UnescapeDataString(baseUri.UserInfo);
        var separator = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = separator < 0 ? "guest" : userInfo[..separator];
        var password = separator < 0 ? "guest" : userInfo[(separator + 1)..];
        var root = new UriBuilder(baseUri) { UserName = string.Empty, Password = string.Empty }.Uri;
        // The management API closes keep-alive connections idle for a while; a pooled connection reused just as it does so
        // ends the response prematurely. Dropping idle connections well before that keeps specs after a quiet spell safe.
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10) };
        _http = new HttpClient(handler) { BaseAddress = new Uri(root, "api/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public Task PutAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, JsonContent.Create(body), cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public Task GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public static string Segment(string value) => Uri.EscapeDataString(value);

    public static JsonElement ParseDefinition(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"{method} {path} on the RabbitMQ management API returned {(int)response.StatusCode}: {body}",
                inner: null,
                response.StatusCode);
        }
    }

    public void Dispose() => _http.Dispose();
}
