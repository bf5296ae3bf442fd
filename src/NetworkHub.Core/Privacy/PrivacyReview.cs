using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// An override waiting for the privacy officer: what was shared without consent, why, and under
/// which rule. Held inside the hub (the justification may name people); never sent to partners.
/// </summary>
public sealed record PrivacyReviewItem
{
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
