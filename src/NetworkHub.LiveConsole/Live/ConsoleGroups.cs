using NetworkHub.LiveConsole.Access;

namespace NetworkHub.LiveConsole.Live;

/// <summary>
/// The SignalR groups live activity goes to: the operations team's, which gets everything, and one per organisation,
/// which gets what that organisation sent or received. The server puts each connection in the group of its signed-in
/// user's organisation; nothing the browser sends chooses a group.
/// </summary>
public static class ConsoleGroups
{
    public const string Operations = "operations";

    public static string Of(string organisation) => "organisation:" + organisation;

    public static string For(ConsoleUser user) => user.IsOperationsTeam ? Operations : Of(user.Organisation);
}
