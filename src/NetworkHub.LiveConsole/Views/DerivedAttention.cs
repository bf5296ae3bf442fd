using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;
using NetworkHub.LiveConsole.Live;

namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// Works out the attention list's items that are states, not events (<see cref="AttentionItem"/>), for the whole
/// network, grouped so that a busy network gives a short list: per sender and recipient, per recipient, per sender
/// and code, per partner. Each links to the timeline of its most urgent hand-off.
/// </summary>
public sealed class DerivedAttention(HubDbContext db, IDeadlineCalendar deadlines, PartnerActivity partners, TimeProvider clock, IOptions<ConsoleOptions> options)
{
    private const string DeletionRequested = "V1.DeletionRequested";
    private const int MaxRows = 5_000;
    private static readonly HandOffState[] Waiting = [HandOffState.Accepted, HandOffState.Dispatched];

    public async Task<IReadOnlyList<AttentionItem>> ReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return [.. await DueSoonAsync(now, ct), .. await DeletionsAsync(ct), .. await QuarantinedAsync(ct), .. Silent(now)];
    }

    /// <summary>Waiting hand-offs with less than half of an acknowledgement window left: the recipient should answer now.</summary>
    private async Task<IEnumerable<AttentionItem>> DueSoonAsync(DateTimeOffset now, CancellationToken ct)
    {
        var soon = now + (deadlines.DueAfter(now, DeadlineKind.Acknowledgement) - now) / 2;
        var due = await db.HandOffs.AsNoTracking()
            .Where(h => Waiting.Contains(h.State) && h.AcknowledgementDueAt != null && h.AcknowledgementDueAt <= soon && h.Contract != DeletionRequested)
            .OrderBy(h => h.AcknowledgementDueAt).Take(MaxRows)
            .Select(h => new { h.MessageId, h.Sender, h.Recipient, h.CreatedAt, h.AcknowledgementDueAt })
            .ToListAsync(ct);
        return due.GroupBy(h => (h.Sender, h.Recipient)).Select(edge =>
        {
            var first = edge.First();
            var count = edge.Count();
            return new AttentionItem($"waiting:{edge.Key.Sender}:{edge.Key.Recipient}", AttentionItem.WaitingForAcknowledgement, [edge.Key.Sender, edge.Key.Recipient],
                $"{count} hand-off{(count == 1 ? "" : "s")} from {edge.Key.Sender} waiting for {edge.Key.Recipient} to acknowledge; the first is due {first.AcknowledgementDueAt:yyyy-MM-dd HH:mm}Z.",
                first.CreatedAt, count, $"message/{first.MessageId}");
        });
    }

    /// <summary>Recipients asked to delete data after a withdrawal who have not confirmed yet (late ones are also overdue alerts).</summary>
    private async Task<IEnumerable<AttentionItem>> DeletionsAsync(CancellationToken ct)
    {
        var outstanding = await db.HandOffs.AsNoTracking()
            .Where(h => (Waiting.Contains(h.State) || h.State == HandOffState.Overdue) && h.Contract == DeletionRequested)
            .OrderBy(h => h.CreatedAt).Take(MaxRows)
            .Select(h => new { h.MessageId, h.Recipient, h.CreatedAt })
            .ToListAsync(ct);
        return outstanding.GroupBy(h => h.Recipient).Select(recipient =>
        {
            var oldest = recipient.First();
            var count = recipient.Count();
            return new AttentionItem($"deletion:{recipient.Key}", AttentionItem.DeletionOutstanding, [recipient.Key],
                $"{recipient.Key} has not confirmed {count} deletion{(count == 1 ? "" : "s")} after consent was withdrawn; the oldest was asked {oldest.CreatedAt:yyyy-MM-dd HH:mm}Z.",
                oldest.CreatedAt, count, $"message/{oldest.MessageId}");
        });
    }

    /// <summary>Input kept in quarantine and not replayed, per sender and code, with the latest one to look at.</summary>
    private async Task<IEnumerable<AttentionItem>> QuarantinedAsync(CancellationToken ct)
    {
        var groups = await db.Quarantine.AsNoTracking().Where(q => q.ReplayedAt == null)
            .GroupBy(q => new { q.Sender, q.Code })
            .Select(g => new { g.Key.Sender, g.Key.Code, Count = g.Count(), Latest = g.Max(q => q.Id) })
            .ToListAsync(ct);
        long[] latestIds = [.. groups.Select(g => g.Latest)];
        var latest = await db.Quarantine.AsNoTracking().Where(q => latestIds.Contains(q.Id))
            .Select(q => new { q.Id, q.MessageId, q.ReceivedAt }).ToDictionaryAsync(q => q.Id, ct);
        return groups.Select(g =>
        {
            var last = latest[g.Latest];
            var info = ReturnCodes.Describe(g.Code);
            return new AttentionItem($"quarantine:{g.Sender}:{g.Code}", AttentionItem.Quarantined, g.Sender is null ? [] : [g.Sender],
                $"{g.Count} message{(g.Count == 1 ? "" : "s")} from {g.Sender ?? "an unknown sender"} kept in quarantine: {info.Id} {g.Code} ({info.English}).",
                last.ReceivedAt, g.Count, last.MessageId is { } id ? $"message/{id}" : null);
        });
    }

    /// <summary>Partners the hub heard from before, and not for longer than SilentAfter: their system may be down.</summary>
    private IEnumerable<AttentionItem> Silent(DateTimeOffset now) =>
        partners.Rows(_ => true).Where(p => p.LastSeen is { } seen && now - seen > options.Value.SilentAfter).Select(p =>
            new AttentionItem($"silent:{p.Code}", AttentionItem.PartnerSilent, [p.Code],
                $"Nothing heard from {p.Name} since {p.LastSeen:yyyy-MM-dd HH:mm}Z: its system may be down.", p.LastSeen!.Value, 1, null));
}
