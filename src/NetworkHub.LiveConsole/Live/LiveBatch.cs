using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole.Live;

/// <summary>
/// What one group receives about once a second: new feed rows, hand-off changes, alerts raised or triaged, the
/// partners whose numbers changed, and what a view of its own follows (MDO steps, privacy reviews). <see cref="Now"/>
/// is the hub's clock, so ages read the same in every browser; <see cref="Omitted"/> counts the older feed rows and
/// changes of this interval left out to keep the batch small (see <see cref="ConsoleOptions.LiveRowsPerBatch"/>);
/// <see cref="Dropped"/> counts activity this instance dropped since it started because browsers could not keep up.
/// </summary>
public sealed record LiveBatch(DateTimeOffset Now, IReadOnlyList<FeedRow> Feed, IReadOnlyList<FeedChange> Changes, IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<PartnerRow> Partners, int Omitted, long Dropped)
{
    /// <summary>Steps in the MDOs the group's organisation convened (answers, reminders, minutes).</summary>
    public IReadOnlyList<MdoStepView> Mdo { get; init; } = [];

    /// <summary>Overrides raised for the privacy officer's review, or judged.</summary>
    public IReadOnlyList<ReviewRow> Reviews { get; init; } = [];

    public bool IsEmpty => Feed.Count == 0 && Changes.Count == 0 && Alerts.Count == 0 && Partners.Count == 0 && Mdo.Count == 0 && Reviews.Count == 0;
}
