using Microsoft.AspNetCore.SignalR;
using NetworkHub.Core.Steering;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>What the sturingsinformatie view asks: a month (yyyy-MM) and, for the operations team, optionally one partner.</summary>
public sealed record SteeringRequest(string Month, string? Organisation);

public sealed record SteeringSnapshot(DateTimeOffset Now, string Month, IReadOnlyList<SteeringLine> Rows);

/// <summary>
/// Sturingsinformatie in the console: a month's figures per partner, aggregates only. An organisation's users see their
/// own row, the operations team every partner's; another organisation's is refused and logged. While the report runs, the
/// caller hears its progress ("steeringProgress").
/// </summary>
public sealed partial class ConsoleHub
{
    public async Task<SteeringSnapshot> Steering(SteeringRequest request, SteeringReport report)
    {
        var organisation = await ScopeAsync(request.Organisation, "sturingsinformatie");
        if (!LocalPeriods.TryParseMonth(request.Month, out var month))
        {
            throw new HubException("Month takes a month (yyyy-MM).");
        }

        var caller = Clients.Caller;
        var rows = await report.ComputeAsync(month, 1, organisation, p => _ = caller.SendAsync("steeringProgress", p), Context.ConnectionAborted);
        return new(clock.GetUtcNow(), request.Month, [.. rows.Select(SteeringLine.Of)]);
    }
}
