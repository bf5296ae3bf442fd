using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Routing;

/// <summary>What the hub knows of a message before it trusts its body: who sent it, as the transport proved.</summary>
/// <param name="Organisation">The organisation the connection belongs to, or null when the principal is unknown.</param>
/// <param name="Principal">The authenticated transport identity (broker user), for logs and quarantine.</param>
public sealed record AuthenticatedSender(string? Organisation, string? Principal);

/// <summary>When an answer the hub waits for is due (working days, configurable).</summary>
public interface IDeadlineCalendar
{
    DateTimeOffset DueAfter(DateTimeOffset sentAt, DeadlineKind kind);
}

public enum RoutingOutcome
{
    Routed,
    Settled,
    Returned,
    Quarantined,
    AlreadyHandled,

    /// <summary>A message addressed to the hub itself (a consent event) was taken into its registers.</summary>
    Registered,
}

/// <summary>Messages written to the outbox in the routing transaction, ready to send once it committed.</summary>
/// <param name="TraceParent">The trace the row was written in, which its send continues (see <see cref="OutboxMessage.TraceParent"/>).</param>
public sealed record PendingDispatch(long OutboxId, string Destination, HubMessage Message, string? TraceParent = null);

/// <param name="Reason">Why the message was returned, as its sender is told (never personal data).</param>
public sealed record RoutingResult(RoutingOutcome Outcome, Guid CausationId, IReadOnlyList<PendingDispatch> Dispatches, ReturnCode? Code = null, string? Reason = null)
{
    public static RoutingResult AlreadyHandled(Guid causationId) => new(RoutingOutcome.AlreadyHandled, causationId, []);
}
