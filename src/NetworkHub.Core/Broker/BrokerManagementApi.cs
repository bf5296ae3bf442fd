using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Text;
using System.Text.Json;

namespace NetworkHub.Core.Broker;

/// <summary>
/// The RabbitMQ management HTTP API calls partner provisioning needs. Every call is a PUT or an idempotent POST, so
/// running the provisioning twice changes nothing; credentials go in the Authorization header and never into a message.
/// </summary>
public sealed class BrokerManagementApi : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="managementUri">http(s)://user:password@host:15672/ of a user tagged administrator.</param>
    /// <param name="https">How an https:// API's certificate is checked; the system's roots when null.</param>
    public BrokerManagementApi(Uri managementUri, SslClientAuthenticationOptions? https = null)
    {
        var credentials = Uri.UnescapeDataString(managementUri.UserInfo).Split(':', 2);
        if (credentials.Length != 2 || credentials[0].Length == 0)
        {
            throw new ArgumentException("The management URI must carry a user and password: http://user:password@host:15672/.", nameof(managementUri));
        }

        var root = new UriBuilder(managementUri) { UserName = "", Password = "", Path = "/api/" }.Uri;
        // Pooled connections are dropped well before the management server's own idle limit, which otherwise can close
        // one just as a request goes out on it ("response ended prematurely").
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10), SslOptions = https ?? new() });
        _http.BaseAddress = root;
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials[0]}:{credentials[1]}")));
    }

    /// <summary>
    /// The management URI of a broker given by its AMQP URI: the same host and user, the management port; https on
    /// 15671 for an amqps:// broker, whose management API is then encrypted too.
    /// </summary>
    public static Uri DerivedFrom(Uri amqpUri) => amqpUri.Scheme == "amqps"
        ? new UriBuilder(amqpUri) { Scheme = Uri.UriSchemeHttps, Port = 15671, Path = "/" }.Uri
        : new UriBuilder(amqpUri) { Scheme = Uri.UriSchemeHttp, Port = 15672, Path = "/" }.Uri;

    public async Task<bool> UserExistsAsync(string user, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"users/{Segment(user)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, ct);
        return true;
    }

    /// <summary>Creates the user, or sets a new password on it (which rotates its credential); no tags: no management access.</summary>
    public Task PutUserAsync(string user, string password, CancellationToken ct) =>
        PutAsync($"users/{Segment(user)}", new { password, tags = "" }, ct);

    public Task PutPermissionsAsync(string vhost, string user, BrokerPermissions permissions, CancellationToken ct) =>
        PutAsync($"permissions/{Segment(vhost)}/{Segment(user)}",
            new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }, ct);

    public async Task<bool> HasPermissionsAsync(string vhost, string user, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"permissions/{Segment(vhost)}/{Segment(user)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, ct);
        return true;
    }

    public Task DeletePermissionsAsync(string vhost, string user, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"permissions/{Segment(vhost)}/{Segment(user)}", null, ct, notFoundIsFine: true);

    public Task PutUserLimitAsync(string user, string limit, int value, CancellationToken ct) =>
        PutAsync($"user-limits/{Segment(user)}/{Segment(limit)}", new { value }, ct);

    public Task PutQueueAsync(string vhost, string queue, IReadOnlyDictionary<string, object> arguments, CancellationToken ct) =>
        PutAsync($"queues/{Segment(vhost)}/{Segment(queue)}", new { durable = true, auto_delete = false, arguments }, ct);

    public Task PutFanoutExchangeAsync(string vhost, string exchange, CancellationToken ct) =>
        PutAsync($"exchanges/{Segment(vhost)}/{Segment(exchange)}", new { type = "fanout", durable = true, auto_delete = false, @internal = false }, ct);

    /// <summary>Binds a queue to an exchange; binding again with the same key is no change on the broker.</summary>
    public Task BindAsync(string vhost, string exchange, string queue, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"bindings/{Segment(vhost)}/e/{Segment(exchange)}/q/{Segment(queue)}",
            JsonContent.Create(new { routing_key = "" }), ct);

    public Task PutQueuePolicyAsync(string vhost, BrokerPolicy policy, CancellationToken ct) =>
        PutAsync($"policies/{Segment(vhost)}/{Segment(policy.Name)}",
            new Dictionary<string, object> { ["pattern"] = policy.Pattern, ["apply-to"] = "queues", ["priority"] = 0, ["definition"] = policy.Definition }, ct);

    /// <summary>
    /// Closes every connection of the user, so a rotated credential or withdrawn permission takes effect at once. Uses
    /// the broker's connection tracking (/api/connections/username/…), which knows a connection as soon as it is open.
    /// </summary>
    public async Task<int> CloseConnectionsOfAsync(string user, string reason, CancellationToken ct)
    {
        var path = $"connections/username/{Segment(user)}";
        using var listed = await _http.GetAsync(path, ct);
        await EnsureAsync(listed, ct);
        var count = (await listed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetArrayLength();
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("X-Reason", reason);
        using var closed = await _http.SendAsync(request, ct);
        await EnsureAsync(closed, ct);
        return count;
    }

    private Task PutAsync(string path, object body, CancellationToken ct) => SendAsync(HttpMethod.Put, path, JsonContent.Create(body), ct);

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct, bool notFoundIsFine = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, ct);
        if (notFoundIsFine && response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        await EnsureAsync(response, ct);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var reason = await response.Content.ReadAsStringAsync(ct);
            throw new BrokerProvisioningException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} on the broker's management API returned {(int)response.StatusCode}: {reason}");
        }
    }

    /// <summary>A path segment; the default virtual host "/" becomes %2F as the API wants.</summary>
    private static string Segment(string value) => Uri.EscapeDataString(value);

    public void Dispose() => _http.Dispose();
}

public sealed class BrokerProvisioningException(string message) : Exception(message);
