using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// The hub's deadline calendar with a defect that a spec switches on and off: a release with a bug, then the one that fixes
/// it. While it is on, every message that records a hand-off fails and is kept as failed (NH021).
/// </summary>
public sealed class DefectiveCalendar
{
    public bool Broken { get; set; }

    /// <summary>Registers the calendar in the hub's services.</summary>
    public void Install(IServiceCollection services) => services.AddSingleton<IDeadlineCalendar>(Around);

    private IDeadlineCalendar Around(IServiceProvider services) => new Calendar(ActivatorUtilities.CreateInstance<DeadlineCalendar>(services), this);

    private sealed class Calendar(IDeadlineCalendar inner, DefectiveCalendar owner) : IDeadlineCalendar
    {
        public DateTimeOffset DueAfter(DateTimeOffset sentAt, DeadlineKind kind) =>
            owner.Broken ? throw new InvalidOperationException("A defect in deadline arithmetic.") : inner.DueAfter(sentAt, kind);
    }
}
