using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Persistence;

namespace NetworkHub.LiveConsole.Views;

/// <summary>Per sender and recipient, the hand-offs of the window by where they stand now.</summary>
public sealed record NetworkEdge(string Sender, string Recipient, int Waiting, int Acknowledged, int Returned, int Overdue);

/// <summary>A hand-off of the window that can still change (waiting or overdue), so a live answer moves it from one count to another.</summary>
public sealed record OpenHandOff(string Key, string Sender, string Recipient, string State);

public sealed record NetworkSnapshot(DateTimeOffset Now, DateTimeOffset Since, IReadOnlyList<NetworkEdge> Edges, IReadOnlyList<OpenHandOff> Open);

/// <summary>The network view's load: the window's hand-offs counted per edge in the database, and those still open.</summary>
public sealed class NetworkReader(HubDbContext db, TimeProvider clock, IOptions<ConsoleOptions> options)
{
    /// <summary>Open hand-offs sent along (newest first); older ones keep their count until the view is opened again.</summary>
    private const int MaxOpen = 5_000;

    public async Task<NetworkSnapshot> ReadAsync(string? organisation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - options.Value.NetworkWindow;
        var window = db.HandOffs.AsNoTracking().Where(h => h.CreatedAt >= since);
        if (organisation is not null)
        {
            window = window.Where(h => h.Sender == organisation || h.Recipient == organisation);
        }

        var counts = await window.GroupBy(h => new { h.Sender, h.Recipient, h.State })
            .Select(g => new { g.Key.Sender, g.Key.Recipient, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        var edges = counts.GroupBy(c => (c.Sender, c.Recipient)).Select(edge =>
        {
            int Count(params HandOffState[] states) => edge.Where(c => states.Contains(c.State)).Sum(c => c.Count);
            return new NetworkEdge(edge.Key.Sender, edge.Key.Recipient, Count(HandOffState.Accepted, HandOffState.Dispatched), Count(HandOffState.Acknowledged),
                Count(HandOffState.Returned), Count(HandOffState.Overdue));
        }).OrderBy(e => e.Sender, StringComparer.Ordinal).ThenBy(e => e.Recipient, StringComparer.Ordinal).ToArray();

        HandOffState[] open = [HandOffState.Accepted, HandOffState.Dispatched, HandOffState.Overdue];
        var stillOpen = await window.Where(h => open.Contains(h.State)).OrderByDescending(h => h.CreatedAt).Take(MaxOpen)
            .Select(h => new { h.MessageId, h.Sender, h.Recipient, h.State })
            .ToListAsync(ct);
        return new NetworkSnapshot(now, since, edges,
            [.. stillOpen.Select(h => new OpenHandOff(h.MessageId.ToString(), h.Sender, h.Recipient, RecipientState.Name(h.State)))]);
    }
}
