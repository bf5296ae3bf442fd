using System.Diagnostics;

namespace NetworkHub.Testing;

/// <summary>
/// The one clock of a spec: the hub, the partner clients and every message the spec builds read it, so no
/// spec depends on the real date. It starts at a fixed moment and runs at real speed (timers such as the
/// outbox sweep still see time pass); a spec that asserts exact due moments freezes it, and moves it by hand.
/// </summary>
public sealed class SpecClock : TimeProvider
{
    /// <summary>Monday 23 November 2026, 09:00 in Amsterdam: an ordinary working day far from any holiday.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private DateTimeOffset _base;
    private long? _runningSince;

    private SpecClock(DateTimeOffset start, bool running)
    {
        _base = start;
        _runningSince = running ? Stopwatch.GetTimestamp() : null;
    }

    /// <summary>A clock that runs from <paramref name="start"/> (default <see cref="MondayMorning"/>).</summary>
    public static SpecClock Running(DateTimeOffset? start = null) => new(start ?? MondayMorning, running: true);

    /// <summary>A clock that stands still at <paramref name="at"/> (default <see cref="MondayMorning"/>) until moved.</summary>
    public static SpecClock Frozen(DateTimeOffset? at = null) => new(at ?? MondayMorning, running: false);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return Read();
        }
    }

    /// <summary>Stops the clock, at <paramref name="at"/> when given (never earlier than now), else where it stands.</summary>
    public void Freeze(DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            var now = Read();
            if (at < now)
            {
                throw new ArgumentOutOfRangeException(nameof(at), at, $"The clock already reads {now:O}; it never runs backwards.");
            }

            _base = at ?? now;
            _runningSince = null;
        }
    }

    private DateTimeOffset Read() => _runningSince is { } since ? _base + Stopwatch.GetElapsedTime(since) : _base;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _base += by;
        }
    }
}
