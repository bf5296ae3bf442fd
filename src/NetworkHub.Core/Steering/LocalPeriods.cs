using System.Globalization;
using NetworkHub.Core.Time;

namespace NetworkHub.Core.Steering;

/// <summary>Days and months as the network counts them: from 00:00 Dutch local time, whatever the offset of the day.</summary>
public static class LocalPeriods
{
    /// <summary>00:00 in Amsterdam on <paramref name="date"/>, as an instant in UTC (as the hub stores and compares them).</summary>
    public static DateTimeOffset StartOf(this WorkingDayCalendar calendar, DateOnly date) => calendar.EndOf(date.AddDays(-1)).ToUniversalTime();

    /// <summary>A calendar month, "2026-11", and its first and last day.</summary>
    public static bool TryParseMonth(string text, out DateOnly first) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first);
}
