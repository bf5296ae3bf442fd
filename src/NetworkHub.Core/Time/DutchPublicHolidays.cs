namespace NetworkHub.Core.Time;

/// <summary>
/// Computes the Dutch public holidays of a year. Pure and allocation-light; callers that ask often
/// (the <see cref="WorkingDayCalendar"/>) cache the result per year.
/// </summary>
public static class DutchPublicHolidays
{
    /// <summary>The first year modelled: Koninginnedag on 30 April dates from 1949.</summary>
    public const int MinYear = 1949;

    /// <summary>The last year modelled (the last year <see cref="DateOnly"/> can hold).</summary>
    public const int MaxYear = 9999;

    /// <summary>
    /// The holidays of <paramref name="year"/> that are days off under <paramref name="options"/>
    /// (defaults when null: Goede Vrijdag is a working day, Bevrijdingsdag only in lustrum years),
    /// in date order. Configured closure days are not included: they are not public holidays.
    /// </summary>
    public static IReadOnlyList<PublicHoliday> For(int year, CalendarOptions? options = null)
    {
        var goodFriday = options?.GoodFridayIsHoliday ?? false;
        var liberationDay = options?.LiberationDay ?? LiberationDayRule.LustrumYears;
        return All(year)
            .Where(h => h.Holiday switch
            {
                DutchHoliday.GoedeVrijdag => goodFriday,
                DutchHoliday.Bevrijdingsdag => liberationDay switch
                {
                    LiberationDayRule.EveryYear => true,
                    LiberationDayRule.LustrumYears => year % 5 == 0,
                    _ => false,
                },
                _ => true,
            })
            .ToArray();
    }

    /// <summary>
    /// Every holiday the calendar knows for <paramref name="year"/>, including the optional ones
    /// (Goede Vrijdag, Bevrijdingsdag) regardless of configuration, in date order.
    /// </summary>
    public static IReadOnlyList<PublicHoliday> All(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);

        var easter = EasterSunday(year);
        var (kingsDay, kingsDayName) = KingsDay(year);
        PublicHoliday[] holidays =
        [
            new(new DateOnly(year, 1, 1), DutchHoliday.Nieuwjaarsdag, "Nieuwjaarsdag"),
            new(easter.AddDays(-2), DutchHoliday.GoedeVrijdag, "Goede Vrijdag"),
            new(easter, DutchHoliday.EerstePaasdag, "Eerste Paasdag"),
            new(easter.AddDays(1), DutchHoliday.TweedePaasdag, "Tweede Paasdag"),
            new(kingsDay, DutchHoliday.Koningsdag, kingsDayName),
            new(new DateOnly(year, 5, 5), DutchHoliday.Bevrijdingsdag, "Bevrijdingsdag"),
            new(easter.AddDays(39), DutchHoliday.Hemelvaartsdag, "Hemelvaartsdag"),
            new(easter.AddDays(49), DutchHoliday.EerstePinksterdag, "Eerste Pinksterdag"),
            new(easter.AddDays(50), DutchHoliday.TweedePinksterdag, "Tweede Pinksterdag"),
            new(new DateOnly(year, 12, 25), DutchHoliday.EersteKerstdag, "Eerste Kerstdag"),
            new(new DateOnly(year, 12, 26), DutchHoliday.TweedeKerstdag, "Tweede Kerstdag"),
        ];
        // Koningsdag can fall before Easter Monday and Hemelvaart before 5 May.
        Array.Sort(holidays, static (x, y) => x.Date.CompareTo(y.Date));
        return holidays;
    }

    /// <summary>Easter Sunday (Eerste Paasdag) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583); // first full Gregorian year
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static (DateOnly Date, string Name) KingsDay(int year)
    {
        if (year >= 2014)
        {
            // King Willem-Alexander's birthday; never celebrated on a Sunday, then it moves to Saturday.
            var date = new DateOnly(year, 4, 27);
            return (date.DayOfWeek == DayOfWeek.Sunday ? date.AddDays(-1) : date, "Koningsdag");
        }

        // Koninginnedag, 30 April. On a Sunday it moved to Monday 1 May until 1980, to Saturday 29 April since.
        var queensDay = new DateOnly(year, 4, 30);
        if (queensDay.DayOfWeek == DayOfWeek.Sunday)
        {
            queensDay = queensDay.AddDays(year >= 1980 ? -1 : 1);
        }

        return (queensDay, "Koninginnedag");
    }
}
