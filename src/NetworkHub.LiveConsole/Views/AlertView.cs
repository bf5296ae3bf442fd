using NetworkHub.Core.Alerts;
using NetworkHub.Core.Live;

namespace NetworkHub.LiveConsole.Views;

/// <summary>An alert on the attention list: kind, state, who picked it up, the organisations it concerns and a summary without personal data.</summary>
public sealed record AlertView(long Id, string Kind, string State, IReadOnlyList<string> Organisations, string Summary, DateTimeOffset RaisedAt,
    string? AcknowledgedBy, string? ResolvedBy)
{
    public static AlertView Of(AlertRecord alert) => Of(AlertChanged.From(alert, alert.RaisedAt));

    public static AlertView Of(AlertChanged alert) => new(alert.AlertId, alert.Kind, alert.State.ToString().ToLowerInvariant(), alert.Concerns,
        alert.Summary, alert.RaisedAt, alert.AcknowledgedBy, alert.ResolvedBy);
}
