namespace NetworkHub.Core.Time;

/// <summary>The Dutch public holidays the calendar knows. Names are Dutch, as they appear on rosters.</summary>
public enum DutchHoliday
{
    Nieuwjaarsdag,

    /// <summary>Good Friday. Not a generally recognised holiday; counted only when configured.</summary>
    GoedeVrijdag,

    EerstePaasdag,
    TweedePaasdag,

    /// <summary>King's Day (Koninginnedag, Queen's Day, before 2014).</summary>
    Koningsdag,

    /// <summary>Liberation Day, 5 May. Counted every year or only in lustrum years, as configured.</summary>
    Bevrijdingsdag,

    Hemelvaartsdag,
    EerstePinksterdag,
    TweedePinksterdag,
    EersteKerstdag,
    TweedeKerstdag,
}

/// <summary>One public holiday on a given date.</summary>
/// <param name="Date">The calendar date.</param>
/// <param name="Holiday">Which holiday it is.</param>
/// <param name="Name">The Dutch name as used that year (e.g. "Koninginnedag" before 2014).</param>
public sealed record PublicHoliday(DateOnly Date, DutchHoliday Holiday, string Name);

/// <summary>When Bevrijdingsdag (5 May) is a day off.</summary>
public enum LiberationDayRule
{
    /// <summary>Only in years divisible by five (2025, 2030, ...): the rule in most collective labour agreements.</summary>
    LustrumYears,

    /// <summary>Every year, as the Algemene termijnenwet and some collective labour agreements count it.</summary>
    EveryYear,

    /// <summary>Never a day off.</summary>
    Never,
}
