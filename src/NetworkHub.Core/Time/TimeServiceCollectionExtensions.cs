using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NetworkHub.Core.Time;

/// <summary>Registers the working-day calendar and the deadline settings.</summary>
public static class TimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WorkingDayCalendar"/> as a singleton built from <see cref="CalendarOptions"/>,
    /// and validation (at start-up) of <see cref="CalendarOptions"/> and <see cref="DeadlineOptions"/>.
    /// Bind the sections in the host, e.g.
    /// <c>services.Configure&lt;CalendarOptions&gt;(configuration.GetSection(CalendarOptions.SectionName))</c>.
    /// The calendar reads its options once: a configuration change takes effect on restart.
    /// </summary>
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CalendarOptions>().Validate(
            o => o.ClosureDays.All(c => c.Date != default),
            $"Every entry of {CalendarOptions.SectionName}:ClosureDays needs a Date (yyyy-MM-dd).").ValidateOnStart();
        services.AddOptions<DeadlineOptions>().Validate(
            o => new[]
                {
                    o.Acknowledgement, o.VeiligThuisFollowUp, o.FirstContact, o.HandOverAcceptance, o.MdoRsvp,
                    o.EscalationAnswer, o.RegieAssignment, o.DeletionConfirmation, o.EvaluationGrace, o.HandOverCompletion,
                    o.UnattendedSafetyConcern,
                }.All(days => days >= 1) && o.SignalExpiry > TimeSpan.Zero,
            $"Every {DeadlineOptions.SectionName} value must be at least one working day, and SignalExpiry positive.").ValidateOnStart();
        services.AddSingleton(sp => new WorkingDayCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value));
        return services;
    }
}
