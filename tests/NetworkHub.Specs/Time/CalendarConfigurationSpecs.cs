using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Time;

namespace NetworkHub.Specs.Time;

public sealed class Calendar_and_deadline_configuration
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.Configure<CalendarOptions>(configuration.GetSection(CalendarOptions.SectionName));
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.SectionName));
        services.AddWorkingDayCalendar();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_calendar_section_binds_optional_holidays_and_closure_days()
    {
        using var services = Services(new()
        {
            ["NetworkHub:Calendar:GoodFridayIsHoliday"] = "true",
            ["NetworkHub:Calendar:LiberationDay"] = "EveryYear",
            ["NetworkHub:Calendar:ClosureDays:0:Date"] = "2026-05-15",
            ["NetworkHub:Calendar:ClosureDays:0:Name"] = "Brugdag",
            ["NetworkHub:Calendar:ClosureDays:1:Date"] = "2026-12-31",
        });

        var calendar = services.GetRequiredService<WorkingDayCalendar>();

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 4, 3))); // Goede Vrijdag
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 5, 5))); // Bevrijdingsdag, every year
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 5, 15)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 31)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 12, 30)));
        Assert.Contains(new NonWorkingDay(new DateOnly(2026, 5, 15), "Brugdag"), calendar.NonWorkingWeekdays(2026));
    }

    [Fact]
    public void Without_configuration_the_documented_defaults_apply()
    {
        using var services = Services([]);

        var deadlines = services.GetRequiredService<IOptions<DeadlineOptions>>().Value;
        var calendar = services.GetRequiredService<WorkingDayCalendar>();

        Assert.Equal(
            new DeadlineOptions
            {
                Acknowledgement = 3,
                VeiligThuisFollowUp = 5,
                FirstContact = 5,
                HandOverAcceptance = 3,
                MdoRsvp = 2,
                EscalationAnswer = 5,
                RegieAssignment = 10,
                DeletionConfirmation = 5,
                SignalExpiry = TimeSpan.FromDays(730),
            },
            deadlines);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 4, 3))); // Goede Vrijdag
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 5, 5))); // Bevrijdingsdag outside a lustrum year
    }

    [Theory]
    [InlineData("365", 365)]
    [InlineData("730.00:00:00", 730)]
    public void The_deadline_section_binds_working_days_and_the_signal_expiry_in_days(string expiry, int expectedDays)
    {
        using var services = Services(new()
        {
            ["NetworkHub:Deadlines:Acknowledgement"] = "4",
            ["NetworkHub:Deadlines:SignalExpiry"] = expiry,
        });

        var deadlines = services.GetRequiredService<IOptions<DeadlineOptions>>().Value;

        Assert.Equal(4, deadlines.Acknowledgement);
        Assert.Equal(TimeSpan.FromDays(expectedDays), deadlines.SignalExpiry);
        Assert.Equal(10, deadlines.RegieAssignment);
    }

    [Theory]
    [InlineData("NetworkHub:Deadlines:MdoRsvp", "0")]
    [InlineData("NetworkHub:Deadlines:SignalExpiry", "-1")]
    public void A_deadline_below_one_working_day_is_refused(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeadlineOptions>>().Value);
    }

    [Fact]
    public void A_closure_day_without_a_date_is_refused()
    {
        using var services = Services(new() { ["NetworkHub:Calendar:ClosureDays:0:Name"] = "Heidag" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<WorkingDayCalendar>());
    }
}
