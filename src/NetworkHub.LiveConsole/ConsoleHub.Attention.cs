using NetworkHub.LiveConsole.Live;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>The attention list's items that follow from the hub's state (see <see cref="AttentionItem"/>), scoped as the alerts are.</summary>
public sealed partial class ConsoleHub
{
    public async Task<IReadOnlyList<AttentionItem>> AttentionItems(AttentionWatch watch)
    {
        var user = User;
        var items = await watch.CurrentAsync(Context.ConnectionAborted);
        return [.. items.Where(i => user.SeesAny(i.Organisations))];
    }
}
