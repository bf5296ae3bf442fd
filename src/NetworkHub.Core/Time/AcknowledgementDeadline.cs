using Microsoft.Extensions.Options;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Time;

/// <summary>A recipient acknowledges within <see cref="DeadlineOptions.Acknowledgement"/> working days (iJw: 3).</summary>
public sealed class AcknowledgementDeadline(WorkingDayCalendar calendar, IOptions<DeadlineOptions> options) : IAcknowledgementDeadline
{
    public DateTimeOffset DueAfter(DateTimeOffset sentAt) => calendar.AddWorkingDays(sentAt, options.Value.Acknowledgement);
}
