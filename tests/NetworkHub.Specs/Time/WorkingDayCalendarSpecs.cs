using System.Globalization;
using NetworkHub.Core.Time;

namespace NetworkHub.Specs.Time;

public sealed class Working_day_calendar
{
    private static readonly WorkingDayCalendar Default = new(new CalendarOptions());

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    private static DateOnly Day(string value) => DateOnly.Parse(value, CultureInfo.InvariantCulture);

    private static void AssertSameLocalMoment(string expected, DateTimeOffset actual)
    {
        var wanted = At(expected);
        Assert.Equal(wanted, actual); // the same instant ...
        Assert.Equal(wanted.Offset, actual.Offset); // ... expressed in Amsterdam local time
    }

    [Theory]
    [InlineData("2026-01-12", true)] // Monday
    [InlineData("2026-01-10", false)] // Saturday
    [InlineData("2026-01-11", false)] // Sunday
    [InlineData("2026-01-01", false)] // Nieuwjaarsdag
    [InlineData("2026-04-03", true)] // Goede Vrijdag: a working day by default
    [InlineData("2026-04-06", false)] // Tweede Paasdag
    [InlineData("2026-04-27", false)] // Koningsdag
    [InlineData("2026-05-05", true)] // Bevrijdingsdag, not a lustrum year
    [InlineData("2025-05-05", false)] // Bevrijdingsdag, lustrum year
    [InlineData("2026-05-14", false)] // Hemelvaartsdag
    [InlineData("2026-05-25", false)] // Tweede Pinksterdag
    [InlineData("2026-12-24", true)] // Christmas Eve
    [InlineData("2025-12-25", false)] // Eerste Kerstdag
    [InlineData("2025-12-26", false)] // Tweede Kerstdag
    public void A_date_is_a_working_day_unless_weekend_or_holiday(string date, bool expected) =>
        Assert.Equal(expected, Default.IsWorkingDay(Day(date)));

    [Theory]
    [InlineData("2026-01-09T16:00:00+01:00", 3, "2026-01-14T16:00:00+01:00")] // Friday + 3 = Wednesday, same time
    [InlineData("2026-01-12T09:30:00+01:00", 1, "2026-01-13T09:30:00+01:00")]
    [InlineData("2026-01-12T09:30:00+01:00", 5, "2026-01-19T09:30:00+01:00")]
    [InlineData("2026-04-02T10:00:00+02:00", 3, "2026-04-08T10:00:00+02:00")] // skips Easter Monday
    [InlineData("2026-04-24T16:00:00+02:00", 1, "2026-04-28T16:00:00+02:00")] // skips Koningsdag on a Monday
    [InlineData("2026-05-13T12:00:00+02:00", 5, "2026-05-21T12:00:00+02:00")] // skips Hemelvaartsdag
    [InlineData("2025-12-23T09:00:00+01:00", 3, "2025-12-30T09:00:00+01:00")] // skips both Christmas days
    [InlineData("2025-12-30T09:00:00+01:00", 2, "2026-01-02T09:00:00+01:00")] // skips Nieuwjaarsdag
    [InlineData("2025-12-15T10:00:00+01:00", 10, "2025-12-31T10:00:00+01:00")] // regie assignment over Christmas
    [InlineData("2026-01-09T15:00:00+00:00", 3, "2026-01-14T16:00:00+01:00")] // input in UTC, answer in local time
    public void Adding_working_days_keeps_the_local_time_of_day_and_skips_days_off(string start, int days, string expected) =>
        AssertSameLocalMoment(expected, Default.AddWorkingDays(At(start), days));

    [Theory]
    [InlineData("2026-01-10T11:00:00+01:00", 3, "2026-01-15T00:00:00+01:00")] // Saturday: Mon, Tue, Wed count
    [InlineData("2026-01-11T23:59:00+01:00", 1, "2026-01-13T00:00:00+01:00")] // Sunday night
    [InlineData("2026-04-27T09:00:00+02:00", 1, "2026-04-29T00:00:00+02:00")] // on Koningsdag
    [InlineData("2026-01-09T23:30:00+00:00", 3, "2026-01-15T00:00:00+01:00")] // Friday in UTC is Saturday in Amsterdam
    public void A_start_on_a_day_off_counts_from_the_start_of_the_next_working_day(string start, int days, string expected) =>
        AssertSameLocalMoment(expected, Default.AddWorkingDays(At(start), days));

    [Theory]
    [InlineData("2026-03-27T16:00:00+01:00", "2026-04-01T16:00:00+02:00")] // clocks go forward on 29 March
    [InlineData("2026-10-23T16:00:00+02:00", "2026-10-28T16:00:00+01:00")] // clocks go back on 25 October
    public void Across_a_daylight_saving_change_the_deadline_keeps_the_local_time_of_day(string start, string expected)
    {
        var due = Default.AddWorkingDays(At(start), 3);

        AssertSameLocalMoment(expected, due);
        Assert.Equal(16, due.Hour);
        Assert.NotEqual(TimeSpan.FromDays(5), due - At(start)); // an hour more or less has really passed
    }

    [Fact]
    public void Zero_working_days_is_the_start_itself_or_the_next_working_day_start()
    {
        AssertSameLocalMoment("2026-01-12T09:30:00+01:00", Default.AddWorkingDays(At("2026-01-12T08:30:00+00:00"), 0));
        AssertSameLocalMoment("2026-01-12T00:00:00+01:00", Default.AddWorkingDays(At("2026-01-10T11:00:00+01:00"), 0));
    }

    [Fact]
    public void A_negative_number_of_working_days_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.AddWorkingDays(At("2026-01-12T09:30:00+01:00"), -1));

    [Fact]
    public void Configured_closure_days_are_skipped_and_named()
    {
        var calendar = new WorkingDayCalendar(new CalendarOptions
        {
            ClosureDays = [new ClosureDay { Date = Day("2026-05-15"), Name = "Brugdag" }],
        });
        var wednesdayBeforeAscension = At("2026-05-13T10:00:00+02:00");

        Assert.False(calendar.IsWorkingDay(Day("2026-05-15")));
        AssertSameLocalMoment("2026-05-19T10:00:00+02:00", calendar.AddWorkingDays(wednesdayBeforeAscension, 2));
        AssertSameLocalMoment("2026-05-18T10:00:00+02:00", Default.AddWorkingDays(wednesdayBeforeAscension, 2));
        Assert.Contains(new NonWorkingDay(Day("2026-05-15"), "Brugdag"), calendar.NonWorkingWeekdays(2026));
    }

    [Theory]
    [InlineData(false, "2026-04-08T10:00:00+02:00")]
    [InlineData(true, "2026-04-09T10:00:00+02:00")]
    public void Good_Friday_counts_as_a_day_off_only_when_configured(bool goodFridayIsHoliday, string expected)
    {
        var calendar = new WorkingDayCalendar(new CalendarOptions { GoodFridayIsHoliday = goodFridayIsHoliday });

        Assert.Equal(!goodFridayIsHoliday, calendar.IsWorkingDay(Day("2026-04-03")));
        AssertSameLocalMoment(expected, calendar.AddWorkingDays(At("2026-04-02T10:00:00+02:00"), 3));
    }

    [Theory]
    [InlineData(LiberationDayRule.LustrumYears, "2026-05-05T10:00:00+02:00")]
    [InlineData(LiberationDayRule.EveryYear, "2026-05-06T10:00:00+02:00")]
    public void Liberation_Day_counts_as_configured(LiberationDayRule rule, string expected)
    {
        var calendar = new WorkingDayCalendar(new CalendarOptions { LiberationDay = rule });

        AssertSameLocalMoment(expected, calendar.AddWorkingDays(At("2026-05-04T10:00:00+02:00"), 1));
    }

    [Fact]
    public void The_calendar_does_not_change_when_its_options_object_is_changed_afterwards()
    {
        var options = new CalendarOptions();
        var calendar = new WorkingDayCalendar(options);

        options.GoodFridayIsHoliday = true;
        options.ClosureDays.Add(new ClosureDay { Date = Day("2026-01-12") });

        Assert.True(calendar.IsWorkingDay(Day("2026-04-03")));
        Assert.True(calendar.IsWorkingDay(Day("2026-01-12")));
    }

    [Fact]
    public void Non_working_weekdays_lists_the_holidays_that_fall_on_weekdays_with_their_names()
    {
        var days = Default.NonWorkingWeekdays(2026).Select(d => $"{d.Date:MM-dd} {d.Name}");

        Assert.Equal(
            ["01-01 Nieuwjaarsdag", "04-06 Tweede Paasdag", "04-27 Koningsdag", "05-14 Hemelvaartsdag", "05-25 Tweede Pinksterdag", "12-25 Eerste Kerstdag"],
            days);
    }

    [Theory]
    [InlineData("2026-01-09T16:00:00+01:00", "2026-01-14T16:00:00+01:00", 3)]
    [InlineData("2026-01-09T16:00:00+01:00", "2026-01-14T15:59:00+01:00", 2)]
    [InlineData("2026-01-14T16:00:00+01:00", "2026-01-09T16:00:00+01:00", -3)]
    [InlineData("2026-01-12T09:00:00+01:00", "2026-01-12T17:00:00+01:00", 0)]
    [InlineData("2026-01-10T10:00:00+01:00", "2026-01-11T10:00:00+01:00", 0)] // within a weekend
    [InlineData("2026-01-10T10:00:00+01:00", "2026-01-14T23:59:00+01:00", 2)]
    [InlineData("2026-01-10T10:00:00+01:00", "2026-01-15T00:00:00+01:00", 3)]
    [InlineData("2025-12-23T09:00:00+01:00", "2025-12-30T09:00:00+01:00", 3)] // over Christmas
    [InlineData("2026-03-27T16:00:00+01:00", "2026-04-01T16:00:00+02:00", 3)] // over the clock change
    public void Working_days_between_two_moments_counts_whole_working_days(string a, string b, int expected) =>
        Assert.Equal(expected, Default.WorkingDaysBetween(At(a), At(b)));

    public static TheoryData<DateTimeOffset, int> StartsAcrossFourYears()
    {
        var data = new TheoryData<DateTimeOffset, int>();
        var start = At("2024-01-01T00:00:00+00:00");
        int[] spans = [1, 2, 3, 5, 10];
        for (var i = 0; i < 160; i++)
        {
            // 223 hours apart: every hour of the day and every weekday comes by, around every holiday.
            data.Add(start.AddHours(223 * i).AddMinutes(7 * i % 60), spans[i % spans.Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StartsAcrossFourYears))]
    public void Counting_back_a_deadline_gives_the_working_days_that_were_added(DateTimeOffset start, int days)
    {
        var due = Default.AddWorkingDays(start, days);

        Assert.Equal(days, Default.WorkingDaysBetween(start, due));
        Assert.Equal(days - 1, Default.WorkingDaysBetween(start, due.AddTicks(-1)));
        Assert.True(Default.IsWorkingDay(DateOnly.FromDateTime(due.DateTime)));
    }

    [Fact]
    public void A_later_start_never_gives_an_earlier_deadline()
    {
        var start = At("2026-03-30T00:00:00+02:00"); // the week before Easter, through Koningsdag
        var previous = Default.AddWorkingDays(start, 3);
        for (var minutes = 30; minutes <= 60 * 24 * 35; minutes += 30)
        {
            var due = Default.AddWorkingDays(start.AddMinutes(minutes), 3);
            Assert.True(due >= previous, $"start +{minutes} min: {due:O} is before {previous:O}");
            previous = due;
        }
    }

    [Fact]
    public void Concurrent_first_use_of_many_years_gives_the_same_answers_as_sequential_use()
    {
        var dates = Enumerable.Range(0, 365 * 60).Select(i => new DateOnly(2000, 1, 1).AddDays(i)).ToArray();
        var sequential = dates.Select(new WorkingDayCalendar(new CalendarOptions()).IsWorkingDay).ToArray();

        var shared = new WorkingDayCalendar(new CalendarOptions());
        var parallel = new bool[dates.Length];
        Parallel.For(0, dates.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = shared.IsWorkingDay(dates[i]));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void The_default_calendar_uses_Amsterdam_time() =>
        Assert.Equal(WorkingDayCalendar.AmsterdamTimeZoneId, Default.TimeZone.Id);
}
