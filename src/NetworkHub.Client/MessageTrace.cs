using System.Diagnostics;
using MassTransit;
using NetworkHub.Contracts.Topology;

namespace NetworkHub.Client;

/// <summary>
/// The W3C trace context a message carries in its headers (<see cref="HubTopology.TraceParentHeader"/>,
/// <see cref="HubTopology.TraceStateHeader"/>): how one hand-off stays one trace from the partner that sends, through
/// the hub, to the partner that receives. Plain headers, so partners that do not use this library can take part.
/// </summary>
public readonly record struct MessageTrace(string TraceParent, string? TraceState)
{
    /// <summary>W3C's limit; a longer tracestate from outside is dropped rather than carried on.</summary>
    private const int MaxTraceStateLength = 512;

    /// <summary>The context of a span, to send as its child; null without a span (or one not in W3C format).</summary>
    public static MessageTrace? Of(Activity? span) =>
        span is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? new MessageTrace(id, span.TraceStateString) : null;

    /// <summary>The context a received message carries; null when it has none, or none that parses.</summary>
    public static MessageTrace? Read(Headers headers)
    {
        if (!headers.TryGetHeader(HubTopology.TraceParentHeader, out var value) || value is not string parent || !ActivityContext.TryParse(parent, null, out _))
        {
            return null;
        }

        var state = headers.TryGetHeader(HubTopology.TraceStateHeader, out var text) ? text as string : null;
        return new MessageTrace(parent, state is { Length: <= MaxTraceStateLength } && state.All(c => c is >= ' ' and <= '~') ? state : null);
    }

    /// <summary>A stored traceparent (an outbox row's) as a context; null when there is none.</summary>
    public static MessageTrace? FromTraceParent(string? traceParent) => traceParent is null ? null : new MessageTrace(traceParent, null);

    /// <summary>This context as the remote parent of a span.</summary>
    public ActivityContext Parent => ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : default;

    public void WriteTo(SendHeaders headers)
    {
        headers.Set(HubTopology.TraceParentHeader, TraceParent);
        if (TraceState is { Length: > 0 } state)
        {
            headers.Set(HubTopology.TraceStateHeader, state);
        }
    }
}
