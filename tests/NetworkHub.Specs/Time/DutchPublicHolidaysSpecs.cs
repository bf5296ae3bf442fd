using System.Globalization;
using NetworkHub.Core.Time;

namespace NetworkHub.Specs.Time;

public sealed class Dutch_public_holidays
{
    [Theory]
    [InlineData(2024, "2024-01-01 2024-03-29 2024-03-31 2024-04-01 2024-04-27 2024-05-05 2024-05-09 2024-05-19 2024-05-20 2024-12-25 2024-12-26")]
    [InlineData(2025, "2025-01-01 2025-04-18 2025-04-20 2025-04-21 2025-04-26 2025-05-05 2025-05-29 2025-06-08 2025-06-09 2025-12-25 2025-12-26")]
    [InlineData(2026, "2026-01-01 2026-04-03 2026-04-05 2026-04-06 2026-04-27 2026-05-05 2026-05-14 2026-05-24 2026-05-25 2026-12-25 2026-12-26")]
    [InlineData(2027, "2027-01-01 2027-03-26 2027-03-28 2027-03-29 2027-04-27 2027-05-05 2027-05-06 2027-05-16 2027-05-17 2027-12-25 2027-12-26")]
    public void Every_known_holiday_of_the_year_falls_on_its_published_date(int year, string expectedDates)
    {
        var dates = DutchPublicHolidays.All(year).Select(h => h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.Equal(expectedDates, string.Join(' ', dates));
    }

    [Theory]
    [InlineData(2025, DutchHoliday.EerstePaasdag, "2025-04-20", "Eerste Paasdag")]
    [InlineData(2025, DutchHoliday.Koningsdag, "2025-04-26", "Koningsdag")] // 27 April 2025 is a Sunday
    [InlineData(2026, DutchHoliday.Hemelvaartsdag, "2026-05-14", "Hemelvaartsdag")]
    [InlineData(2024, DutchHoliday.GoedeVrijdag, "2024-03-29", "Goede Vrijdag")]
    [InlineData(2027, DutchHoliday.TweedePinksterdag, "2027-05-17", "Tweede Pinksterdag")]
    [InlineData(2026, DutchHoliday.Nieuwjaarsdag, "2026-01-01", "Nieuwjaarsdag")]
    [InlineData(2026, DutchHoliday.Bevrijdingsdag, "2026-05-05", "Bevrijdingsdag")]
    [InlineData(2026, DutchHoliday.EersteKerstdag, "2026-12-25", "Eerste Kerstdag")]
    [InlineData(2026, DutchHoliday.TweedeKerstdag, "2026-12-26", "Tweede Kerstdag")]
    [InlineData(2014, DutchHoliday.Koningsdag, "2014-04-26", "Koningsdag")] // the first one, 27 April a Sunday
    [InlineData(2026, DutchHoliday.Koningsdag, "2026-04-27", "Koningsdag")]
    [InlineData(2013, DutchHoliday.Koningsdag, "2013-04-30", "Koninginnedag")]
    [InlineData(2006, DutchHoliday.Koningsdag, "2006-04-29", "Koninginnedag")] // Sunday: moved to Saturday since 1980
    [InlineData(1967, DutchHoliday.Koningsdag, "1967-05-01", "Koninginnedag")] // Sunday: moved to Monday before 1980
    public void A_holiday_has_its_date_and_its_Dutch_name(int year, DutchHoliday holiday, string date, string name)
    {
        var found = DutchPublicHolidays.All(year).Single(h => h.Holiday == holiday);

        Assert.Equal(DateOnly.Parse(date, CultureInfo.InvariantCulture), found.Date);
        Assert.Equal(name, found.Name);
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2038, "2038-04-25")] // the latest possible date
    [InlineData(2285, "2285-03-22")] // the earliest possible date
    public void Easter_follows_the_Gregorian_computus(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), DutchPublicHolidays.EasterSunday(year));

    [Fact]
    public void By_default_Good_Friday_is_a_working_day_and_Liberation_Day_is_off_only_in_lustrum_years()
    {
        Assert.DoesNotContain(DutchPublicHolidays.For(2025), h => h.Holiday == DutchHoliday.GoedeVrijdag);
        Assert.Contains(DutchPublicHolidays.For(2025), h => h.Holiday == DutchHoliday.Bevrijdingsdag);
        Assert.DoesNotContain(DutchPublicHolidays.For(2026), h => h.Holiday == DutchHoliday.Bevrijdingsdag);
        Assert.Contains(DutchPublicHolidays.For(2030), h => h.Holiday == DutchHoliday.Bevrijdingsdag);
        Assert.Equal(9, DutchPublicHolidays.For(2026).Count);
    }

    [Theory]
    [InlineData(false, LiberationDayRule.LustrumYears, 2026, 9)]
    [InlineData(true, LiberationDayRule.LustrumYears, 2026, 10)]
    [InlineData(false, LiberationDayRule.EveryYear, 2026, 10)]
    [InlineData(true, LiberationDayRule.EveryYear, 2026, 11)]
    [InlineData(false, LiberationDayRule.Never, 2025, 9)]
    [InlineData(false, LiberationDayRule.LustrumYears, 2025, 10)]
    public void Options_decide_which_optional_holidays_count(bool goodFriday, LiberationDayRule liberationDay, int year, int expectedCount)
    {
        var options = new CalendarOptions { GoodFridayIsHoliday = goodFriday, LiberationDay = liberationDay };

        var holidays = DutchPublicHolidays.For(year, options);

        Assert.Equal(expectedCount, holidays.Count);
        Assert.Equal(goodFriday, holidays.Any(h => h.Holiday == DutchHoliday.GoedeVrijdag));
    }

    [Theory]
    [InlineData(1948)]
    [InlineData(10000)]
    public void Years_outside_the_modelled_range_are_refused(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DutchPublicHolidays.All(year));
}
