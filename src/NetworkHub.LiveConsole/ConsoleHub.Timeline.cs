using Microsoft.AspNetCore.SignalR;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Timelines;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>
/// The timeline of one hand-off, case or MDO. An organisation's users see the steps their organisation is a party to
/// (and are refused, and logged, when there are none); the operations team sees every step. Opening a timeline is an
/// access-log row, once per connection and timeline: it shows who dealt with a family, even though no personal data
/// is shown.
/// </summary>
public sealed partial class ConsoleHub
{
    /// <param name="kind">message, case or mdo; or alert, with an alert's number, for the timeline that alert belongs to.</param>
    public async Task<TimelineView> Timeline(string kind, string id, TimelineReader timelines)
    {
        var user = User;
        var ct = Context.ConnectionAborted;
        var key = await TimelineKeyAsync(kind, id, timelines, ct);
        var what = $"the timeline of {TimelineView.Name(key.Kind)} {key.Id}";
        var timeline = await timelines.ReadAsync(key, ct);
        if (!user.IsOperationsTeam)
        {
            timeline = timeline.For(user.Organisation);
            if (timeline.Steps.Count == 0) // whether the hub knows the id or not: the answer is the same
            {
                throw await refusals.RefuseAsync(user, what, $"{user.Organisation}, the organisation {user.Name} works for, is not a party to it.", ct);
            }
        }
        else if (timeline.Steps.Count == 0)
        {
            throw new HubException($"The hub has recorded nothing for {TimelineView.Name(key.Kind)} {key.Id}.");
        }

        if (Context.Items.TryAdd("viewed:" + timeline.Key, true))
        {
            await LogViewAsync(user, timeline.Key, what, ct);
        }

        return TimelineView.Of(timeline, clock.GetUtcNow());
    }

    private static async Task<TimelineKey> TimelineKeyAsync(string kind, string id, TimelineReader timelines, CancellationToken ct)
    {
        if (kind == "alert" && long.TryParse(id, out var alertId))
        {
            return await timelines.OfAlertAsync(alertId, ct) ?? throw new HubException($"There is no alert {alertId}.");
        }

        return Enum.TryParse<TimelineKind>(kind, ignoreCase: true, out var known) && Enum.IsDefined(known) && Guid.TryParse(id?.Trim(), out var guid)
            ? new TimelineKey(known, guid)
            : throw new HubException("A timeline is opened by a message id, a case (correlation) id or an MDO id: a GUID such as 0b6e2c1a-….");
    }

    private async Task LogViewAsync(ConsoleUser user, TimelineKey key, string what, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        await new AccessLogStore(db).AppendAsync([AccessLogEntries.ForOperator(AccessEventKind.ConsoleView, user.Name, user.Organisation,
            $"Viewed {what} in the console.", clock.GetUtcNow(), key.Id)], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
