using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Alerts;

/// <summary>What operators do with alerts: list them, acknowledge that someone picked one up, resolve it.</summary>
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
    public Task<AlertRecord?> AcknowledgeAsync(long id, string by, string? note, CancellationToken ct) =>
        ChangeAsync(id, alert =>
        {
            if (alert.State == AlertState.Open)
            {
                alert.State = AlertState.Acknowledged;
                alert.AcknowledgedBy = by;
                alert.AcknowledgedAt = clock.GetUtcNow();
            }
        }, note, ct);

    public Task<AlertRecord?> ResolveAsync(long id, string by, string? note, CancellationToken ct) =>
        ChangeAsync(id, alert =>
        {
            alert.State = AlertState.Resolved;
            alert.ResolvedBy = by;
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

    private async Task<AlertRecord?> ChangeAsync(long id, Action<AlertRecord> change, string? note, CancellationToken ct)
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

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return alert;
    }
}
