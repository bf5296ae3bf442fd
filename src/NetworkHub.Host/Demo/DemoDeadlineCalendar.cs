using Microsoft.Extensions.Options;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;

namespace NetworkHub.Host.Demo;

/// <summary>
/// The demo's deadlines: an acknowledgement is due after <see cref="Acknowledgement"/> instead of 3 working days, so a
/// newcomer sees an overdue hand-off (to the demo partner whose system is offline) within a minute. Every other
/// deadline counts working days as configured.
/// </summary>
public sealed class DemoDeadlineCalendar(WorkingDayCalendar calendar, IOptions<DeadlineOptions> options) : IDeadlineCalendar
{
    public static readonly TimeSpan Acknowledgement = TimeSpan.FromSeconds(30);

    private readonly DeadlineCalendar _workingDays = new(calendar, options);

    public DateTimeOffset DueAfter(DateTimeOffset sentAt, DeadlineKind kind) =>
        kind == DeadlineKind.Acknowledgement ? sentAt + Acknowledgement : _workingDays.DueAfter(sentAt, kind);
}
