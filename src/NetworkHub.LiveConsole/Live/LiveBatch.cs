using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole.Live;

/// <summary>
/// What one group receives about once a second: new feed rows, hand-off changes, alerts raised or triaged, the
/// partners whose numbers changed, and overrides raised for review or judged. <see cref="Now"/> is the hub's clock, so ages read the same in every browser;
/// <see cref="Dropped"/> counts activity this instance dropped since it started because browsers could not keep up.
/// </summary>
public sealed record LiveBatch(DateTimeOffset Now, IReadOnlyList<FeedRow> Feed, IReadOnlyList<FeedChange> Changes, IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<PartnerRow> Partners, long Dropped, IReadOnlyList<ReviewRow> Reviews)
{
    public bool IsEmpty => Feed.Count == 0 && Changes.Count == 0 && Alerts.Count == 0 && Partners.Count == 0 && Reviews.Count == 0;
}
