using NetworkHub.Core.Steering;

namespace NetworkHub.LiveConsole.Views;

/// <summary>A traced hand-over as the hand-overs view shows it: codes, its id, its state by name, when it was offered and last moved.</summary>
public sealed record HandOverRow(Guid Id, string Origin, string Sender, string Receiver, string State, DateTimeOffset OfferedAt, DateTimeOffset LastStepAt)
{
    public static HandOverRow Of(HandOverLine h) => new(h.Id, h.Origin, h.Sender, h.Receiver, h.State.ToString(), h.OfferedAt, h.LastStepAt);
}

public sealed record HandOversSnapshot(DateTimeOffset Now, IReadOnlyList<HandOverRow> HandOvers, bool Truncated);
