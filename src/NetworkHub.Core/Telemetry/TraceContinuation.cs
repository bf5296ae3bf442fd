using System.Diagnostics;
using NetworkHub.Client;

namespace NetworkHub.Core.Telemetry;

/// <summary>
/// Which trace what the hub records now belongs to: the current span's, or, while the hub records no spans (nobody
/// exports them), the trace the inbound message came with. So a partner's trace reaches the recipient through the hub
/// whether the hub exports its own spans or not, and an outbox row keeps it for a resend after a crash.
/// </summary>
public static class TraceContinuation
{
    private static readonly AsyncLocal<MessageTrace?> Inbound = new();

    /// <summary>Carries <paramref name="trace"/> through the rest of the calling async flow when there is no span to do it.</summary>
    public static void Continue(MessageTrace? trace)
    {
        if (trace is not null && Activity.Current is null)
        {
            Inbound.Value = trace;
        }
    }

    /// <summary>The traceparent to store with, or send on, what the hub records now; null outside any trace.</summary>
    public static string? CurrentTraceParent() => MessageTrace.Of(Activity.Current)?.TraceParent ?? Inbound.Value?.TraceParent;
}
