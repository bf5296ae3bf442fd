using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>Who acts as privacy officer: a name, the organisation acted for (the hub's operations team: "hub") and where (console, operator tool).</summary>
public sealed record PrivacyOfficer(string Name, string Organisation, string Via);

/// <summary>The outcome of a decision: the review as judged now, or why it was not judged.</summary>
public sealed record ReviewDecisionResult(PrivacyReviewItem? Review, string? Problem);

/// <summary>
/// What the privacy officer does with the overrides awaiting review: list them, read a justification, judge one as
/// justified or not with a note. Reading a justification and judging are access-log rows, written with what they record.
/// Scoping (which organisation's overrides someone may see) is the caller's: the console per user, the operator tool as
/// the operations team.
/// </summary>
public sealed class PrivacyReviewDesk(HubDbContext db, TimeProvider clock)
{
    public const int MaxNoteLength = 1000;

    /// <summary>
    /// The open overrides, oldest first, or the decided ones, last decided first; of <paramref name="organisation"/>
    /// (sender or recipient), or of everyone when null.
    /// </summary>
    public async Task<IReadOnlyList<PrivacyReviewItem>> ListAsync(bool decided, string? organisation, int max, CancellationToken ct)
    {
        var query = db.PrivacyReviews.AsNoTracking().Where(r => (r.DecidedAt != null) == decided);
        if (organisation is { Length: > 0 })
        {
            query = query.Where(r => r.SenderCode == organisation || r.RecipientCode == organisation);
        }

        query = decided ? query.OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Id) : query.OrderBy(r => r.At).ThenBy(r => r.Id);
        return await query.Take(max).ToListAsync(ct);
    }

    public Task<PrivacyReviewItem?> FindAsync(long id, CancellationToken ct) => db.PrivacyReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The review with its justification, which may name people: reading it is logged, filed under the person it is about.</summary>
    public async Task<PrivacyReviewItem?> ReadAsync(long id, PrivacyOfficer by, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        var review = await db.PrivacyReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return null;
        }

        await new AccessLogStore(db).AppendAsync([Row(review, by, $"Read the justification of override review #{review.Id} ({Describe(review)}) in the {by.Via}.")], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return review;
    }

    /// <summary>Judges an override, once, with a required note; the note stays on the review, the log names the verdict only.</summary>
    public async Task<ReviewDecisionResult> DecideAsync(long id, ReviewVerdict verdict, string? note, PrivacyOfficer by, CancellationToken ct)
    {
        if (!Enum.IsDefined(verdict))
        {
            return new(null, "Judge the override as justified or not justified.");
        }

        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new(null, "A decision needs a note: why the override was or was not justified, and what follows.");
        }

        if (text.Length > MaxNoteLength)
        {
            return new(null, $"The note is longer than {MaxNoteLength} characters.");
        }

        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        await db.LockRowAsync<PrivacyReviewItem>(id, ct); // two privacy officers at once: the second finds it decided
        var review = await db.PrivacyReviews.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return new(null, $"There is no override review #{id}.");
        }

        if (review.IsDecided)
        {
            return new(null, $"Override review #{id} was judged already, by {review.DecidedBy} at {review.DecidedAt:yyyy-MM-dd HH:mm} UTC.");
        }

        var now = clock.GetUtcNow();
        review.Decide(verdict, text, by.Name, by.Organisation, now);
        await new AccessLogStore(db).AppendAsync([Row(review, by,
            $"Override review #{review.Id} ({Describe(review)}) judged {Describe(verdict)} in the {by.Via}.")], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(review, null);
    }

    public static string Describe(ReviewVerdict verdict) => verdict == ReviewVerdict.Justified ? "justified" : "not justified";

    private static string Describe(PrivacyReviewItem review) => $"{review.SenderCode} -> {review.RecipientCode}, rule {review.RuleId ?? "none"}";

    private AccessLogEntry Row(PrivacyReviewItem review, PrivacyOfficer by, string what) => new()
    {
        At = clock.GetUtcNow(),
        Event = AccessEventKind.OverrideReview,
        SubjectKey = review.SubjectKey,
        Actor = by.Name,
        OnBehalfOf = by.Organisation,
        Basis = review.Basis,
        Purpose = review.Purpose,
        MessageId = review.MessageId,
        RuleId = review.RuleId,
        Reason = what,
    };
}
