using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>The network: organisations as nodes, per edge the window's hand-offs by state; the user's own edges unless on the operations team.</summary>
public sealed partial class ConsoleHub
{
    public async Task<NetworkSnapshot> Network(string? organisation, NetworkReader network)
    {
        var scope = await ScopeAsync(organisation, "the network");
        return await network.ReadAsync(scope, Context.ConnectionAborted);
    }
}
