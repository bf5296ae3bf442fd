using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Alerts;

/// <summary>Who acts on an alert: a name, the organisation acted for (the hub's operations team: "hub") and where (console, CLI).</summary>
public sealed record AlertActor(string Name, string OnBehalfOf, string Via);

/// <summary>
/// What operators do with alerts: list them, acknowledge that someone picked one up, resolve it. Each action is an
/// access-log row, written with the change.
/// </summary>
public sealed class AlertDesk(HubDbContext db, TimeProvider clock)
{
    public Task<List<AlertRecord>> ListAsync(AlertState? state, string? organisation, int max, CancellationToken ct)
    {
        var query = db.Alerts.AsNoTracking();
        if (state is { } wanted)
        {
            query = query.Where(a => a.State == wanted);
        }

        if (organisation is { Length: > 0 })
        {
            query = query.Where(a => ("," + a.Organisations + ",").Contains("," + organisation + ","));
        }

        return query.OrderBy(a => a.Id).Take(max).ToListAsync(ct);
    }

    /// <summary>Someone picked the alert up; an alert already resolved stays resolved.</summary>
    public Task<AlertRecord?> AcknowledgeAsync(long id, AlertActor by, string? note, CancellationToken ct) =>
        ChangeAsync(id, by, "picked up", alert =>
        {
            if (alert.State == AlertState.Open)
            {
                alert.State = AlertState.Acknowledged;
                alert.AcknowledgedBy = by.Name;
                alert.AcknowledgedAt = clock.GetUtcNow();
            }
        }, note, ct);

    public Task<AlertRecord?> ResolveAsync(long id, AlertActor by, string? note, CancellationToken ct) =>
        ChangeAsync(id, by, "resolved", alert =>
        {
            alert.State = AlertState.Resolved;
            alert.ResolvedBy = by.Name;
            alert.ResolvedAt = clock.GetUtcNow();
        }, note, ct);

    /// <summary>Raises an alert outside a routing transaction (a failure of the hub's own); once per event id.</summary>
    public async Task RaiseAsync(AlertRecord alert, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        if (!await db.Alerts.AnyAsync(a => a.EventId == alert.EventId, ct))
        {
            db.Alerts.Add(alert);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private async Task<AlertRecord?> ChangeAsync(long id, AlertActor by, string action, Action<AlertRecord> change, string? note, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null)
        {
            return null;
        }

        change(alert);
        if (!string.IsNullOrWhiteSpace(note))
        {
            alert.Note = note;
        }

        // The note is free text and stays on the alert; the log names the action only.
        await new AccessLogStore(db).AppendAsync([AccessLogEntries.ForOperator(AccessEventKind.OperatorAction, by.Name, by.OnBehalfOf,
            $"Alert #{alert.Id} ({alert.Kind}) {action} in the {by.Via}.", clock.GetUtcNow(), alert.EventId)], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return alert;
    }
}
