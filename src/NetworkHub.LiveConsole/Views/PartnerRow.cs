namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// One organisation on the partners view: the last message the hub saw from it, the hand-offs it sent in the last hour
/// and how many of its messages came back (returned by a recipient, or kept by the hub as input it could not accept).
/// </summary>
public sealed record PartnerRow(string Code, string Name, string Type, DateTimeOffset? LastSeen, int HandOffsLastHour, int ReturnedLastHour);
