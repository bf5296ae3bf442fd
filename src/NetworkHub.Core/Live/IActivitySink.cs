namespace NetworkHub.Core.Live;

/// <summary>
/// Takes the activity of a committed transaction. Called on the hub's hot path, after the commit: it must return at
/// once and never throw (buffer, and drop rather than wait). The console's broadcaster implements it, or, with several
/// hub instances, a fan-out over the broker that feeds each instance's broadcaster.
/// </summary>
public interface IActivitySink
{
    void Publish(IReadOnlyList<HubActivity> activity);
}
