using System.Globalization;
using NetworkHub.Core.Time;

namespace NetworkHub.Specs.Time;

/// <summary>
/// Amsterdam changes its clocks on Sundays, so a deadline never lands in a skipped or repeated hour.
/// A zone that changes on a Wednesday shows what happens if one ever does.
/// </summary>
public sealed class When_the_clocks_change_on_a_working_day
{
    private static readonly TimeZoneInfo WednesdayChanges = TimeZoneInfo.CreateCustomTimeZone(
        "Test/WednesdayChanges",
        TimeSpan.FromHours(1),
        "Clocks change on Wednesday",
        "Standard",
        "Daylight",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(2026, 1, 1),
                new DateTime(2026, 12, 31),
                TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 11), // Wed 11 March
                TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 14)), // Wed 14 October
        ]);

    private static readonly WorkingDayCalendar Calendar = new(new CalendarOptions(), WednesdayChanges);

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    [Fact]
    public void A_deadline_in_the_skipped_hour_moves_forward_by_the_jump()
    {
        var due = Calendar.AddWorkingDays(At("2026-03-09T02:30:00+01:00"), 2);

        Assert.Equal(At("2026-03-11T03:30:00+02:00"), due);
        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
    }

    [Fact]
    public void A_deadline_in_the_repeated_hour_is_its_first_occurrence()
    {
        var due = Calendar.AddWorkingDays(At("2026-10-12T02:30:00+02:00"), 2);

        Assert.Equal(At("2026-10-14T02:30:00+02:00"), due);
        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
    }
}
