using Microsoft.Extensions.Options;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Time;

/// <summary>Deadlines in working days from <see cref="DeadlineOptions"/> (acknowledgement: 3, as in the iJw standard).</summary>
public sealed class DeadlineCalendar(WorkingDayCalendar calendar, IOptions<DeadlineOptions> options) : IDeadlineCalendar
{
    public DateTimeOffset DueAfter(DateTimeOffset sentAt, DeadlineKind kind) => calendar.AddWorkingDays(sentAt, kind switch
    {
        DeadlineKind.Acknowledgement => options.Value.Acknowledgement,
        DeadlineKind.DeletionConfirmation => options.Value.DeletionConfirmation,
        DeadlineKind.HandOverAcceptance or DeadlineKind.HandOverEscalation => options.Value.HandOverAcceptance,
        DeadlineKind.FirstContact => options.Value.FirstContact,
        DeadlineKind.RegieAssignment => options.Value.RegieAssignment,
        DeadlineKind.EvaluationStale => options.Value.EvaluationGrace,
        DeadlineKind.HandOverCompletion => options.Value.HandOverCompletion,
        DeadlineKind.SafetyConcernUnattended => options.Value.UnattendedSafetyConcern,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No working-day setting for this deadline."),
    });
}
