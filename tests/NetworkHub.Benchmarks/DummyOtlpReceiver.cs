using System.Net;
using NetworkHub.Testing;

namespace NetworkHub.Benchmarks;

/// <summary>
/// Stands in for an OpenTelemetry collector on loopback: takes every OTLP/HTTP export (traces, metrics, logs), reads it and
/// answers 200, so that a hub measured with telemetry on pays for recording, serialising and sending what it exports.
/// </summary>
public sealed class DummyOtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private long _exports;
    private long _bytes;

    private DummyOtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public long Exports => Interlocked.Read(ref _exports);
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The hub's settings that export to this receiver.</summary>
    public IReadOnlyList<string> HubArguments =>
        [$"--NetworkHub:Telemetry:OtlpEndpoint={Endpoint}", "--NetworkHub:Telemetry:OtlpProtocol=http/protobuf"];

    public static DummyOtlpReceiver Start() => new(FreePorts.Pick(1)[0]);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body);
                Interlocked.Add(ref _bytes, body.Length);
            }

            Interlocked.Increment(ref _exports);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }
}
