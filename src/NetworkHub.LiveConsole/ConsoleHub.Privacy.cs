using Microsoft.AspNetCore.SignalR;
using NetworkHub.Core.Persistence;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>
/// The privacy officer's view: the review queue of overrides and "who received data about this person". Only the
/// privacy-officer role calls these; anyone else is refused and logged. A privacy officer of an organisation sees the
/// overrides and disclosures that organisation sent or received; of the operations team, all.
/// </summary>
public sealed partial class ConsoleHub
{
    private const int DecidedShown = 50;
    private const int OpenShown = 500;

    public async Task<ReviewsSnapshot> Reviews(PrivacyReviewDesk desk)
    {
        var user = await PrivacyOfficerAsync("the override review queue");
        var scope = user.IsOperationsTeam ? null : user.Organisation;
        var ct = Context.ConnectionAborted;
        var open = await desk.ListAsync(decided: false, scope, OpenShown, ct);
        var decided = await desk.ListAsync(decided: true, scope, DecidedShown, ct);
        return new(clock.GetUtcNow(), [.. open.Select(ReviewRow.Of)], [.. decided.Select(ReviewRow.Of)]);
    }

    /// <summary>The override with the sender's justification (which may name people): logged as read.</summary>
    public async Task<ReviewDetail> OpenReview(long reviewId, PrivacyReviewDesk desk)
    {
        var user = await ReviewerOfAsync(reviewId, "read the justification of override review", desk);
        var review = await desk.ReadAsync(reviewId, Officer(user), Context.ConnectionAborted) ?? throw NoReview(reviewId);
        return new(ReviewRow.Of(review), review.Justification);
    }

    public async Task<ReviewRow> DecideReview(long reviewId, string verdict, string? note, PrivacyReviewDesk desk)
    {
        var user = await ReviewerOfAsync(reviewId, "judge override review", desk);
        var judged = ReviewRow.Parse(verdict) ?? throw new HubException("Judge the override as justified or not justified.");
        var result = await desk.DecideAsync(reviewId, judged, note, Officer(user), Context.ConnectionAborted);
        return result.Review is { } review ? ReviewRow.Of(review) : throw new HubException(result.Problem);
    }

    /// <summary>
    /// Who received data about a person. The identifier is used for the query only: it is not logged, not in an error
    /// and not sent back except masked.
    /// </summary>
    public async Task<AuditAnswer> WhoReceived(AuditRequest request, DisclosureAudit audit)
    {
        var user = await PrivacyOfficerAsync("the audit of who received data about a person");
        var subject = request.Bsn is { Length: > 0 } bsn
            ? AuditSubject.ByBsn(bsn.Trim())
            : AuditSubject.ByReference(request.Reference?.Trim() ?? "", request.Sender ?? "");
        try
        {
            var rows = await audit.ReceivedAsync(subject, new AuditAsker(user.Name, user.Organisation, "console", request.Reason ?? ""),
                user.IsOperationsTeam ? null : user.Organisation, Context.ConnectionAborted);
            var who = subject.Bsn is not null ? "BSN" : $"reference of {registry.Find(subject.Sender!)?.Name ?? subject.Sender}";
            return new($"{who} {AuditAnswer.Mask(subject.Identifier)}", [.. rows.Select(DisclosureView.Of)]);
        }
        catch (ArgumentException e)
        {
            throw new HubException(e.Message);
        }
    }

    private static PrivacyOfficer Officer(ConsoleUser user) => new(user.Name, user.Organisation, "console");

    /// <summary>The signed-in privacy officer; anyone else is refused and logged.</summary>
    private async Task<ConsoleUser> PrivacyOfficerAsync(string what)
    {
        var user = User;
        if (user.Role != ConsoleRoles.PrivacyOfficer)
        {
            throw await refusals.RefuseAsync(user, what, $"Only privacy officers use this; {user.Name} is a {user.Role}.", Context.ConnectionAborted);
        }

        return user;
    }

    /// <summary>A privacy officer whose organisation the override concerns (any, for the operations team).</summary>
    private async Task<ConsoleUser> ReviewerOfAsync(long reviewId, string what, PrivacyReviewDesk desk)
    {
        var user = await PrivacyOfficerAsync($"{what} #{reviewId}");
        var review = await desk.FindAsync(reviewId, Context.ConnectionAborted) ?? throw NoReview(reviewId);
        if (!user.IsOperationsTeam && !review.Concerns(user.Organisation))
        {
            throw await refusals.RefuseAsync(user, $"{what} #{reviewId} of {review.SenderCode} -> {review.RecipientCode}",
                $"The override does not concern {user.Organisation}, the organisation {user.Name} works for.", Context.ConnectionAborted);
        }

        return user;
    }

    private static HubException NoReview(long reviewId) => new($"There is no override review #{reviewId}.");
}
