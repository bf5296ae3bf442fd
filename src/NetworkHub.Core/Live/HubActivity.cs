using System.Text.Json.Serialization;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Live;

/// <summary>
/// Something the hub recorded, raised once the transaction that recorded it has committed, for whoever watches live
/// (the console). Organisation codes, contract names, ids, states and codes only: never personal data, never a body.
/// Serialisable as JSON, so hub instances can share it over the broker.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(HandOffAccepted), "accepted")]
[JsonDerivedType(typeof(HandOffChanged), "changed")]
[JsonDerivedType(typeof(InputQuarantined), "quarantined")]
[JsonDerivedType(typeof(AlertChanged), "alert")]
[JsonDerivedType(typeof(MdoStepTaken), "mdo")]
[JsonDerivedType(typeof(PrivacyReviewChanged), "review")]
public abstract record HubActivity(DateTimeOffset At)
{
    /// <summary>The organisations this activity is about; an organisation's operators see it, no one else's.</summary>
    [JsonIgnore]
    public abstract IReadOnlyList<string> Organisations { get; }
}

/// <summary>A message was routed: one hand-off per recipient now waits for an acknowledgement.</summary>
public sealed record HandOffAccepted(Guid MessageId, Guid CorrelationId, string Contract, string Sender, IReadOnlyList<string> Recipients, DateTimeOffset At)
    : HubActivity(At)
{
    public override IReadOnlyList<string> Organisations => [Sender, .. Recipients];
}

/// <summary>One recipient's hand-off changed state: acknowledged, returned with a code, or overdue.</summary>
public sealed record HandOffChanged(Guid MessageId, string Contract, string Sender, string Recipient, HandOffState State, ReturnCode? Code, DateTimeOffset At)
    : HubActivity(At)
{
    public override IReadOnlyList<string> Organisations => [Sender, Recipient];
}

/// <summary>Input the hub could not accept was kept in quarantine (and returned to its sender, when known).</summary>
public sealed record InputQuarantined(long QuarantineId, string? Sender, string? Contract, ReturnCode Code, DateTimeOffset At) : HubActivity(At)
{
    public override IReadOnlyList<string> Organisations => Sender is null ? [] : [Sender];
}

/// <summary>An alert was raised, picked up (acknowledged) or resolved.</summary>
public sealed record AlertChanged(long AlertId, string Kind, AlertState State, IReadOnlyList<string> Concerns, string Summary, DateTimeOffset RaisedAt,
    string? AcknowledgedBy, string? ResolvedBy, DateTimeOffset At) : HubActivity(At)
{
    public override IReadOnlyList<string> Organisations => Concerns;

    public static AlertChanged From(AlertRecord alert, DateTimeOffset at) => new(alert.Id, alert.Kind, alert.State,
        alert.Organisations.Split(',', StringSplitOptions.RemoveEmptyEntries), alert.Summary, alert.RaisedAt, alert.AcknowledgedBy, alert.ResolvedBy, at);
}

/// <summary>A step in an MDO the hub recorded: what happened and which organisation took it (the hub for a reminder).</summary>
public enum MdoStep
{
    Convened = 1,
    Answered = 2,
    Reminded = 3,
    MinutesShared = 4,
    Cancelled = 5,
}

/// <summary>
/// An MDO was convened, answered, reminded about, its minutes shared or cancelled. For the convener's regisseur, who
/// follows the answers as they arrive: ids, codes and the answer only.
/// </summary>
public sealed record MdoStepTaken(Guid MdoId, string Convener, MdoStep Step, string Organisation, MdoResponse? Response, DateTimeOffset At) : HubActivity(At)
{
    public override IReadOnlyList<string> Organisations => [Convener];
}

/// <summary>
/// An override now awaits the privacy officer's review, or was judged. Codes, rule and verdict only: the sender's
/// justification and the privacy officer's note stay in the database.
/// </summary>
public sealed record PrivacyReviewChanged(long ReviewId, Guid MessageId, string Sender, string Recipient, Grondslag? Basis, Purpose Purpose, string? RuleId,
    MeldcodeStep? MeldcodeStep, DateTimeOffset RaisedAt, ReviewVerdict? Verdict, string? DecidedBy, DateTimeOffset At) : HubActivity(At)
{
    public override IReadOnlyList<string> Organisations => [Sender, Recipient];

    public static PrivacyReviewChanged From(PrivacyReviewItem review) => new(review.Id, review.MessageId, review.SenderCode, review.RecipientCode,
        review.Basis, review.Purpose, review.RuleId, review.MeldcodeStep, review.At, review.Verdict, review.DecidedBy, review.DecidedAt ?? review.At);
}
