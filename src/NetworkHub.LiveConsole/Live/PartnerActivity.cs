using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Live;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Registry;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole.Live;

/// <summary>
/// Per organisation: when the hub last saw a message from it, and per minute of the last hour how many hand-offs it
/// sent and how many of its messages came back. Fed by the live activity (on every instance, through the fan-out) and
/// seeded from the database at start, so the partners view needs no query per browser.
/// </summary>
public sealed class PartnerActivity(OrganisationRegistry registry, TimeProvider clock)
{
    private const int Minutes = 60;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Counts an activity; returns the organisations whose numbers changed.</summary>
    public IReadOnlyList<string> Record(HubActivity activity)
    {
        lock (_gate)
        {
            switch (activity)
            {
                case HandOffAccepted accepted:
                    TallyOf(accepted.Sender).Sent(accepted.At, accepted.Recipients.Count);
                    return [accepted.Sender];
                case HandOffChanged { State: HandOffState.Acknowledged } answered:
                    TallyOf(answered.Recipient).Seen(answered.At);
                    return [answered.Recipient];
                case HandOffChanged { State: HandOffState.Returned } returned:
                    TallyOf(returned.Recipient).Seen(returned.At);
                    TallyOf(returned.Sender).Returned(returned.At, seen: false);
                    return [returned.Recipient, returned.Sender];
                case InputQuarantined { Sender: { } sender } kept:
                    TallyOf(sender).Returned(kept.At, seen: true);
                    return [sender];
                default:
                    return [];
            }
        }
    }

    /// <summary>The rows of the registered organisations <paramref name="visible"/> admits, in name order.</summary>
    public IReadOnlyList<PartnerRow> Rows(Func<string, bool> visible)
    {
        var minute = MinuteOf(clock.GetUtcNow());
        lock (_gate)
        {
            return registry.All.Where(o => visible(o.Code)).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o =>
            {
                var tally = _tallies.GetValueOrDefault(o.Code);
                return new PartnerRow(o.Code, o.Name, o.Type.ToString(), tally?.LastSeen, tally?.SentSince(minute) ?? 0, tally?.ReturnedSince(minute) ?? 0);
            }).ToArray();
        }
    }

    /// <summary>The last hour from the database, read per sender (the ledger is indexed by sender and time).</summary>
    public async Task SeedAsync(HubDbContext db, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddMinutes(-Minutes);
        foreach (var organisation in registry.All.Select(o => o.Code))
        {
            var lastSent = await db.HandOffs.AsNoTracking().Where(h => h.Sender == organisation)
                .OrderByDescending(h => h.CreatedAt).Select(h => (DateTimeOffset?)h.CreatedAt).FirstOrDefaultAsync(ct);
            var recent = await db.HandOffs.AsNoTracking().Where(h => h.Sender == organisation && h.CreatedAt >= since)
                .Select(h => new { h.CreatedAt, h.ReturnedAt }).ToListAsync(ct);
            lock (_gate)
            {
                var tally = TallyOf(organisation);
                if (lastSent is { } at)
                {
                    tally.Seen(at);
                }

                foreach (var handOff in recent)
                {
                    tally.Sent(handOff.CreatedAt, 1);
                    if (handOff.ReturnedAt is { } returnedAt)
                    {
                        tally.Returned(returnedAt, seen: false);
                    }
                }
            }
        }

        var kept = await db.Quarantine.AsNoTracking().Where(q => q.ReceivedAt >= since && q.Sender != null)
            .Select(q => new { q.Sender, q.ReceivedAt }).ToListAsync(ct);
        lock (_gate)
        {
            foreach (var input in kept)
            {
                TallyOf(input.Sender!).Returned(input.ReceivedAt, seen: true);
            }
        }
    }

    private Tally TallyOf(string organisation)
    {
        if (!_tallies.TryGetValue(organisation, out var tally))
        {
            _tallies[organisation] = tally = new Tally();
        }

        return tally;
    }

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    /// <summary>A ring of per-minute counts: a bucket belongs to the minute stamped on it and is reset when reused.</summary>
    private sealed class Tally
    {
        private readonly long[] _minute = new long[Minutes];
        private readonly int[] _sent = new int[Minutes];
        private readonly int[] _returned = new int[Minutes];

        public DateTimeOffset? LastSeen { get; private set; }

        public void Seen(DateTimeOffset at)
        {
            if (LastSeen is null || at > LastSeen)
            {
                LastSeen = at;
            }
        }

        public void Sent(DateTimeOffset at, int handOffs)
        {
            Seen(at);
            if (Bucket(at) is { } bucket)
            {
                _sent[bucket] += handOffs;
            }
        }

        public void Returned(DateTimeOffset at, bool seen)
        {
            if (seen)
            {
                Seen(at);
            }

            if (Bucket(at) is { } bucket)
            {
                _returned[bucket]++;
            }
        }

        public int SentSince(long now) => Sum(_sent, now);

        public int ReturnedSince(long now) => Sum(_returned, now);

        /// <summary>The bucket of <paramref name="at"/>'s minute, or null when a later minute already holds it (more than an hour later).</summary>
        private int? Bucket(DateTimeOffset at)
        {
            var minute = MinuteOf(at);
            var bucket = (int)(minute % Minutes);
            if (_minute[bucket] > minute)
            {
                return null;
            }

            if (_minute[bucket] != minute)
            {
                _minute[bucket] = minute;
                _sent[bucket] = 0;
                _returned[bucket] = 0;
            }

            return bucket;
        }

        private int Sum(int[] counts, long now)
        {
            var total = 0;
            for (var i = 0; i < Minutes; i++)
            {
                if (_minute[i] > now - Minutes && _minute[i] <= now)
                {
                    total += counts[i];
                }
            }

            return total;
        }
    }
}
