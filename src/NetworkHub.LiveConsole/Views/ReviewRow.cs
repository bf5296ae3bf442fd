using NetworkHub.Core.Live;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// An override on the privacy officer's review queue: who sent to whom, on which basis and rule, the meldcode step, when,
/// and once judged the verdict, by whom and their note. The sender's justification is not on the row: it is read on
/// request (<see cref="ReviewDetail"/>), and logged. Live rows carry no note either.
/// </summary>
public sealed record ReviewRow(long Id, Guid MessageId, string Sender, string Recipient, string? Basis, string Purpose, string? Rule, string? MeldcodeStep,
    DateTimeOffset At, string? Verdict, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note)
{
    public static ReviewRow Of(PrivacyReviewItem review) => new(review.Id, review.MessageId, review.SenderCode, review.RecipientCode,
        review.Basis?.ToString(), review.Purpose.ToString(), review.RuleId, review.MeldcodeStep?.ToString(), review.At, Name(review.Verdict),
        review.DecidedBy, review.DecidedAt, review.DecisionNote);

    public static ReviewRow Of(PrivacyReviewChanged review) => new(review.ReviewId, review.MessageId, review.Sender, review.Recipient,
        review.Basis?.ToString(), review.Purpose.ToString(), review.RuleId, review.MeldcodeStep?.ToString(), review.RaisedAt, Name(review.Verdict),
        review.DecidedBy, review.Verdict is null ? null : review.At, null);

    /// <summary>"justified" or "not-justified", as the console and the operator tool name them.</summary>
    public static string? Name(ReviewVerdict? verdict) => verdict switch
    {
        ReviewVerdict.Justified => "justified",
        ReviewVerdict.NotJustified => "not-justified",
        _ => null,
    };

    public static ReviewVerdict? Parse(string? verdict) => verdict switch
    {
        "justified" => ReviewVerdict.Justified,
        "not-justified" => ReviewVerdict.NotJustified,
        _ => null,
    };
}

/// <summary>An override with the sender's justification, for the privacy officer who opened it to judge it.</summary>
public sealed record ReviewDetail(ReviewRow Review, string Justification);

/// <summary>The review queue on load: the open overrides, oldest first, and the latest decided ones.</summary>
public sealed record ReviewsSnapshot(DateTimeOffset Now, IReadOnlyList<ReviewRow> Open, IReadOnlyList<ReviewRow> Decided);

/// <summary>
/// An audit request from the console: a BSN, or a sender's reference with the sender; and why (required, logged).
/// </summary>
public sealed record AuditRequest(string? Bsn, string? Reference, string? Sender, string? Reason);

/// <summary>One disclosure as the audit shows it.</summary>
public sealed record DisclosureView(DateTimeOffset At, string Sender, string Recipient, string? Contract, string Event, string? Basis, string? Purpose,
    string? Consent, string? Rule)
{
    public static DisclosureView Of(DisclosureRow row) => new(row.At, row.Sender, row.Recipient, row.Contract, row.Event.ToString(), row.Basis?.ToString(),
        row.Purpose?.ToString(), row.ConsentReference, row.RuleId);
}

/// <summary>The audit's answer: whom it was about, masked, and the disclosures.</summary>
public sealed record AuditAnswer(string Subject, IReadOnlyList<DisclosureView> Disclosures)
{
    /// <summary>All but the last three characters hidden: enough to tell two queries apart, not to tell who.</summary>
    public static string Mask(string identifier)
    {
        var text = identifier.Trim();
        return text.Length <= 3 ? new string('•', text.Length) : new string('•', text.Length - 3) + text[^3..];
    }
}
