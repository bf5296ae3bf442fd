namespace NetworkHub.Core.Time;

/// <summary>
/// Which days count as working days, bound from the configuration section <see cref="SectionName"/>.
/// Saturdays, Sundays and the generally recognised Dutch holidays are never working days; these
/// settings decide the optional holidays and add an organisation's own closure days.
/// </summary>
public sealed class CalendarOptions
{
    /// <summary>The configuration section: <c>NetworkHub:Calendar</c>.</summary>
    public const string SectionName = "NetworkHub:Calendar";

    /// <summary>
    /// Whether Goede Vrijdag is a day off. Default <c>false</c>: it is not a generally recognised
    /// holiday and most employers in care and government treat it as a working day.
    /// </summary>
    public bool GoodFridayIsHoliday { get; set; }

    /// <summary>
    /// When Bevrijdingsdag (5 May) is a day off. Default <see cref="LiberationDayRule.LustrumYears"/>
    /// (2025, 2030, ...), as in most collective labour agreements.
    /// </summary>
    public LiberationDayRule LiberationDay { get; set; } = LiberationDayRule.LustrumYears;

    /// <summary>
    /// Extra dates on which the network is closed (a municipality's own days, a bridge day after
    /// Hemelvaart). Configured as <c>NetworkHub:Calendar:ClosureDays:0:Date = 2026-05-15</c> with an
    /// optional <c>Name</c>.
    /// </summary>
    public IList<ClosureDay> ClosureDays { get; set; } = [];
}

/// <summary>A configured date on which the network does not count working days.</summary>
public sealed class ClosureDay
{
    /// <summary>The closed date (ISO 8601 in configuration: <c>2026-05-15</c>).</summary>
    public DateOnly Date { get; set; }

    /// <summary>Why the network is closed, shown when explaining a deadline; optional.</summary>
    public string? Name { get; set; }
}
