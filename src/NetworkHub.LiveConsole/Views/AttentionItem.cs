namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// Something on the attention list that follows from the hub's state rather than from an alert, and clears itself when
/// that state changes: hand-offs waiting for an acknowledgement that is due soon, deletion confirmations outstanding,
/// quarantined input not replayed, a partner gone silent. <see cref="Timeline"/> is the link (#timeline/…) to follow.
/// </summary>
public sealed record AttentionItem(string Key, string Kind, IReadOnlyList<string> Organisations, string Summary, DateTimeOffset Since, int Count,
    string? Timeline)
{
    public const string WaitingForAcknowledgement = "WaitingForAcknowledgement";
    public const string DeletionOutstanding = "DeletionConfirmationOutstanding";
    public const string Quarantined = "Quarantined";
    public const string PartnerSilent = "PartnerSilent";
}
