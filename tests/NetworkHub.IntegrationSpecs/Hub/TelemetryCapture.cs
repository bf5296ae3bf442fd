using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetworkHub.Core.Hosting;
using NetworkHub.Host.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// What a hub exports and logs, captured in memory: the spans it records with the hub's own sources (the hub's and the client
/// library's, so the partners' clients in this process too), its metrics, and every log line with its structured values.
/// </summary>
public sealed class TelemetryCapture : ILoggerProvider
{
    public Captured<Activity> Spans { get; } = new();
    public Captured<MetricSnapshot> Metrics { get; } = new();
    public ConcurrentQueue<(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)> Logs { get; } = new();

    /// <summary>Registers the capture with a hub, as an exporter would be, with the hub's own choice of sources and meters.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddHubSources(new TelemetryOptions()).AddInMemoryExporter(Spans))
            .WithMetrics(metrics => metrics.AddHubMeters().AddInMemoryExporter(Metrics));
        services.AddSingleton<ILoggerProvider>(this);
    }

    /// <summary>
    /// Waits until spans of every one of <paramref name="names"/> ("source: span name") were exported in the trace (spans are
    /// exported when they end, not in the order they started), and returns the trace's spans.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> WaitForTraceAsync(ActivityTraceId id, IReadOnlyList<string> names)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var trace = Spans.Where(s => s.TraceId == id).ToArray();
            var missing = names.Except(trace.Select(s => $"{s.Source.Name}: {s.DisplayName}")).ToArray();
            if (missing.Length == 0)
            {
                return trace;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"Trace {id} has no span {string.Join(", ", missing)} after 30 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until a span matching <paramref name="match"/> was exported (spans are exported when they end).</summary>
    public async Task<Activity> WaitForSpanAsync(Func<Activity, bool> match, string what)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"No span for {what} was exported within 30 s; {Spans.Count} spans were.");
            await Task.Delay(50);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Logs);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, string, IReadOnlyList<KeyValuePair<string, object?>>)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            lines.Enqueue((category, formatter(state, exception) + (exception is null ? "" : " " + exception), values.ToArray()));
        }
    }
}

/// <summary>A collection the exporters add to from their threads while a spec reads it.</summary>
public sealed class Captured<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get { lock (_items) { return _items.Count; } }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        lock (_items)
        {
            return _items.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (_items)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_items)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }
}
