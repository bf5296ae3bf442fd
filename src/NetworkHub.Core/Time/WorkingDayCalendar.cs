using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace NetworkHub.Core.Time;

/// <summary>
/// Working-day arithmetic for deadlines, with day boundaries in Dutch local time (Europe/Amsterdam).
/// </summary>
/// <remarks>
/// <para>
/// A working day is a Monday to Friday that is not a Dutch public holiday (as configured in
/// <see cref="CalendarOptions"/>) and not a configured closure day.
/// </para>
/// <para>
/// <see cref="AddWorkingDays"/> keeps the local time of day: a message recorded on Friday at 16:00
/// with 3 working days is due on Wednesday at 16:00, also across a daylight-saving change. A message
/// recorded on a day that is not a working day counts from the start (00:00) of the next working
/// day: recorded on Saturday, 3 working days are Monday, Tuesday and Wednesday, so it is due at the
/// end of Wednesday (Thursday 00:00). Deadlines therefore never move earlier when a message arrives
/// later.
/// </para>
/// <para>
/// Instances are immutable after construction; holiday sets are computed once per year on first use
/// and cached. All members are safe to call from many threads.
/// </para>
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>The IANA id of the time zone whose day boundaries count: <c>Europe/Amsterdam</c>.</summary>
    public const string AmsterdamTimeZoneId = "Europe/Amsterdam";

    private readonly CalendarOptions _options;
    private readonly FrozenDictionary<DateOnly, string> _closures;
    private readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, string>> _daysOffByYear = new();

    /// <summary>A calendar in Europe/Amsterdam time with the given options.</summary>
    public WorkingDayCalendar(CalendarOptions options)
        : this(options, FindAmsterdam())
    {
    }

    /// <summary>
    /// A calendar whose day boundaries are those of <paramref name="timeZone"/>. The hub uses
    /// Europe/Amsterdam; another zone is for specs of edge cases that zone never has.
    /// </summary>
    public WorkingDayCalendar(CalendarOptions options, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeZone);
        TimeZone = timeZone;
        // Copy what we use: the options object stays mutable for its owner, this calendar must not change.
        _options = new CalendarOptions
        {
            GoodFridayIsHoliday = options.GoodFridayIsHoliday,
            LiberationDay = options.LiberationDay,
        };
        _closures = options.ClosureDays
            .GroupBy(c => c.Date)
            .ToFrozenDictionary(g => g.Key, g => g.Select(c => c.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? "Sluitingsdag");
    }

    /// <summary>The time zone whose local dates are the working days.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether <paramref name="date"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !DaysOff(date.Year).ContainsKey(date);

    /// <summary>
    /// The weekdays of <paramref name="year"/> that are not working days (holidays that count and
    /// configured closure days), with the reason, in date order. Weekends are left out.
    /// </summary>
    public IReadOnlyList<NonWorkingDay> NonWorkingWeekdays(int year) =>
        DaysOff(year)
            .Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .OrderBy(d => d.Key)
            .Select(d => new NonWorkingDay(d.Key, d.Value))
            .ToArray();

    /// <summary>The first working day after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        do
        {
            date = date.AddDays(1);
        }
        while (!IsWorkingDay(date));

        return date;
    }

    /// <summary>
    /// The moment <paramref name="days"/> working days after <paramref name="start"/>, at the same
    /// local time of day, as a <see cref="DateTimeOffset"/> with the local (Amsterdam) offset.
    /// </summary>
    /// <remarks>
    /// When <paramref name="start"/> falls on a non-working day (local date), counting begins at
    /// 00:00 of the next working day. With <paramref name="days"/> = 0 the result is the start
    /// itself, or that 00:00 when the start is not on a working day.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var (date, timeOfDay, startsOnWorkingDay) = EffectiveStart(start);
        if (days == 0 && startsOnWorkingDay)
        {
            return TimeZoneInfo.ConvertTime(start, TimeZone);
        }

        for (var remaining = days; remaining > 0; remaining--)
        {
            date = NextWorkingDay(date);
        }

        return ToInstant(date, timeOfDay);
    }

    /// <summary>
    /// The number of whole working days from <paramref name="a"/> to <paramref name="b"/>: the largest
    /// n for which <c>AddWorkingDays(a, n) &lt;= b</c>; negative (the same count, negated) when
    /// <paramref name="b"/> is before <paramref name="a"/>.
    /// </summary>
    /// <remarks>
    /// Friday 16:00 to Wednesday 16:00 is 3; to Wednesday 15:59 it is 2. A start on a day off counts
    /// from 00:00 of the next working day, as in <see cref="AddWorkingDays"/>.
    /// </remarks>
    public int WorkingDaysBetween(DateTimeOffset a, DateTimeOffset b)
    {
        if (b < a)
        {
            return -WorkingDaysBetween(b, a);
        }

        var (date, timeOfDay, _) = EffectiveStart(a);
        var endDate = LocalDate(b);
        var count = 0;
        var lastWorkingDay = date;
        for (var d = date.AddDays(1); d <= endDate; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
                lastWorkingDay = d;
            }
        }

        // The count-th working day is reached only once its time of day has come.
        return count > 0 && ToInstant(lastWorkingDay, timeOfDay) > b ? count - 1 : count;
    }

    private (DateOnly Date, TimeSpan TimeOfDay, bool StartsOnWorkingDay) EffectiveStart(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        var date = DateOnly.FromDateTime(local);
        return IsWorkingDay(date)
            ? (date, local.TimeOfDay, true)
            : (NextWorkingDay(date), TimeSpan.Zero, false);
    }

    /// <summary>The date in Dutch local time at <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The moment <paramref name="date"/> has passed in Dutch local time: 00:00 of the next day.</summary>
    public DateTimeOffset EndOf(DateOnly date) => ToInstant(date.AddDays(1), TimeSpan.Zero);

    private DateTimeOffset ToInstant(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + timeOfDay;
        if (TimeZone.IsInvalidTime(local))
        {
            // Clocks jumped past this time: take the moment as many minutes after the jump, i.e. read
            // the wall-clock time with the offset that held just before it.
            var offsetBefore = TimeZone.GetUtcOffset(local.AddDays(-1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local - offsetBefore, TimeSpan.Zero), TimeZone);
        }

        if (TimeZone.IsAmbiguousTime(local))
        {
            // The time occurs twice: take the first occurrence, so a deadline is never later than meant.
            return new DateTimeOffset(local, TimeZone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    private FrozenDictionary<DateOnly, string> DaysOff(int year) =>
        _daysOffByYear.GetOrAdd(year, ComputeDaysOff);

    private FrozenDictionary<DateOnly, string> ComputeDaysOff(int year)
    {
        var daysOff = new Dictionary<DateOnly, string>();
        foreach (var closure in _closures.Where(c => c.Key.Year == year))
        {
            daysOff[closure.Key] = closure.Value;
        }

        // A public holiday's own name wins over a closure configured on the same date.
        foreach (var holiday in DutchPublicHolidays.For(year, _options))
        {
            daysOff[holiday.Date] = holiday.Name;
        }

        return daysOff.ToFrozenDictionary();
    }

    private static TimeZoneInfo FindAmsterdam()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(AmsterdamTimeZoneId);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new InvalidOperationException(
                $"Time zone '{AmsterdamTimeZoneId}' is not available; install the tzdata package.", e);
        }
    }
}

/// <summary>A weekday that is not a working day, with the reason (a holiday's Dutch name or a closure's name).</summary>
public sealed record NonWorkingDay(DateOnly Date, string Name);
