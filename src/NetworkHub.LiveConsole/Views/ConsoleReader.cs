using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;

namespace NetworkHub.LiveConsole.Views;

/// <summary>What a view shows on load, from the database; live activity keeps it current from there.</summary>
public sealed class ConsoleReader(HubDbContext db, AlertDesk alerts, IOptions<ConsoleOptions> options)
{
    public const string Quarantined = "quarantined";

    /// <summary>
    /// The latest messages (and quarantined input) of <paramref name="organisation"/>, or of everyone when null, newest first.
    /// </summary>
    public async Task<IReadOnlyList<FeedRow>> FeedAsync(string? organisation, string? contract, string? state, CancellationToken ct)
    {
        var size = options.Value.FeedSize;
        var rows = new List<FeedRow>();
        if (state != Quarantined)
        {
            var handOffs = db.HandOffs.AsNoTracking();
            if (organisation is not null)
            {
                handOffs = handOffs.Where(h => h.Sender == organisation || h.Recipient == organisation);
            }

            if (contract is { Length: > 0 })
            {
                handOffs = handOffs.Where(h => h.Contract == contract);
            }

            if (States(state) is { } states)
            {
                handOffs = handOffs.Where(h => states.Contains(h.State));
            }

            // A message has a hand-off per recipient: read a few per message, then keep the latest messages whole.
            var latest = await handOffs.OrderByDescending(h => h.CreatedAt).Take(size * 4).ToListAsync(ct);
            rows.AddRange(latest.GroupBy(h => h.MessageId).Take(size).Select(g => FeedRow.Of(g.ToList())));
        }

        if (state is null or "" or Quarantined)
        {
            var kept = db.Quarantine.AsNoTracking();
            if (organisation is not null)
            {
                kept = kept.Where(q => q.Sender == organisation);
            }

            if (contract is { Length: > 0 })
            {
                kept = kept.Where(q => q.Contract == contract);
            }

            rows.AddRange((await kept.OrderByDescending(q => q.Id).Take(size).ToListAsync(ct)).Select(FeedRow.Of));
        }

        return rows.OrderByDescending(r => r.At).Take(size).ToArray();
    }

    /// <summary>The alerts someone must act on, open or picked up, of <paramref name="organisation"/> (everyone's when null), oldest first.</summary>
    public async Task<IReadOnlyList<AlertView>> AttentionAsync(string? organisation, CancellationToken ct)
    {
        const int max = 500;
        var open = await alerts.ListAsync(AlertState.Open, organisation, max, ct);
        var picked = await alerts.ListAsync(AlertState.Acknowledged, organisation, max, ct);
        return open.Concat(picked).OrderBy(a => a.Id).Select(AlertView.Of).ToArray();
    }

    private static HandOffState[]? States(string? state) => state switch
    {
        null or "" => null,
        RecipientState.Waiting => [HandOffState.Accepted, HandOffState.Dispatched],
        _ when Enum.TryParse<HandOffState>(state, ignoreCase: true, out var one) => [one],
        _ => [],
    };
}
