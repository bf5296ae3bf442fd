using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>The privacy officer's judgement of an override.</summary>
public enum ReviewVerdict
{
    /// <summary>The override was lawful: the meldcode was followed, or the child-protection task needed the data.</summary>
    Justified = 1,

    /// <summary>The override was not lawful; the note says what follows (talking to the sender, reporting a data breach).</summary>
    NotJustified = 2,
}

/// <summary>
/// An override waiting for the privacy officer: what was shared without consent, why, and under
/// which rule. Held inside the hub (the justification may name people); never sent to partners.
/// Once the privacy officer judged it, it carries the verdict, their note and who decided when; it is never removed.
/// </summary>
public sealed record PrivacyReviewItem
{
    public long Id { get; init; }
    public required Guid MessageId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string SenderCode { get; init; }
    public required string RecipientCode { get; init; }
    public Grondslag? Basis { get; init; }
    public required Purpose Purpose { get; init; }
    public string? RuleId { get; init; }
    public MeldcodeStep? MeldcodeStep { get; init; }
    public required string Justification { get; init; }
    public string? SubjectKey { get; init; }
    public required string Reason { get; init; }

    public ReviewVerdict? Verdict { get; private set; }

    /// <summary>Why the privacy officer judged so; free text, kept here, never in the access log.</summary>
    public string? DecisionNote { get; private set; }
    public string? DecidedBy { get; private set; }

    /// <summary>The organisation the privacy officer works for ("hub" for the operations team).</summary>
    public string? DecidedFor { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    public bool IsDecided => DecidedAt is not null;

    /// <summary>Records the privacy officer's judgement; an item is judged once.</summary>
    public void Decide(ReviewVerdict verdict, string note, string by, string onBehalfOf, DateTimeOffset at)
    {
        if (IsDecided)
        {
            throw new InvalidOperationException($"Review #{Id} was decided already, by {DecidedBy}.");
        }

        (Verdict, DecisionNote, DecidedBy, DecidedFor, DecidedAt) = (verdict, note, by, onBehalfOf, at);
    }

    /// <summary>Whether the override concerns <paramref name="organisation"/>: it sent or received the message.</summary>
    public bool Concerns(string organisation) => SenderCode == organisation || RecipientCode == organisation;

    /// <summary>The review item for a decision that needs one; null otherwise.</summary>
    public static PrivacyReviewItem? For(PolicyDecision decision, HubMessage message, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(message);
        if (!decision.NeedsPrivacyReview || message.Override is not { } ovr)
        {
            return null;
        }

        return new()
        {
            MessageId = decision.MessageId,
            At = at,
            SenderCode = decision.SenderCode,
            RecipientCode = decision.RecipientCode,
            Basis = decision.Basis,
            Purpose = decision.Purpose,
            RuleId = decision.RuleId,
            MeldcodeStep = ovr.Step,
            Justification = ovr.Justification,
            SubjectKey = decision.SubjectKey?.Value,
            Reason = decision.Reason,
        };
    }
}

/// <summary>Who must hear of a withdrawal: everyone who received data under the consent.</summary>
public static class WithdrawalFanOut
{
    /// <summary>
    /// Recipients of transfers under the withdrawn consent up to <paramref name="until"/>, the moment the hub learnt
    /// of the withdrawal: that can be later than the day the family withdrew, and those recipients must hear too.
    /// </summary>
    public static IReadOnlyList<string> RecipientsToNotify(ConsentRecord withdrawn, IEnumerable<AccessLogEntry> log, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(withdrawn);
        ArgumentNullException.ThrowIfNull(log);
        if (withdrawn.WithdrawnAt is null)
        {
            return [];
        }

        return [.. log
            .Where(e => e.Event == AccessEventKind.Transfer && e.ConsentReference == withdrawn.Id && e.At <= until && e.Recipient is not null)
            .Select(e => e.Recipient!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }
}
