using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Routing;

/// <summary>A parked outbox row as an operator sees it: where it goes and how often it was tried, never its payload.</summary>
public sealed record ParkedRow(long Id, Guid MessageId, string Destination, string Contract, DateTimeOffset CreatedAt, int Attempts);

/// <summary>
/// Outbox rows the sweeper parked because no broker took them in <c>parkAfter</c> attempts (see <see cref="OutboxSweep"/>).
/// Once the cause is fixed (a partner's queue provisioned again, a policy that refused the publish changed), an operator
/// releases them: their attempts start again from zero and the next sweep sends them. A row is still sent at most once
/// to the broker's confirm; the recipient deduplicates on the message id.
/// </summary>
public sealed class ParkedOutbox(HubDbContext db, int parkAfter)
{
    public async Task<IReadOnlyList<ParkedRow>> ListAsync(int max, CancellationToken ct) =>
        await Parked(null, null).OrderBy(o => o.Id).Take(max)
            .Select(o => new ParkedRow(o.Id, o.MessageId, o.Destination, o.Contract, o.CreatedAt, o.Attempts))
            .ToListAsync(ct);

    /// <summary>Releases one parked row (<paramref name="id"/>), or every parked row for <paramref name="destination"/>, or all; returns how many.</summary>
    public async Task<int> ReleaseAsync(long? id, string? destination, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        var released = await Parked(id, destination).ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, 0), ct);
        await tx.CommitAsync(ct);
        return released;
    }

    private IQueryable<OutboxMessage> Parked(long? id, string? destination) => db.Outbox.Where(o =>
        o.DispatchedAt == null && o.Attempts >= parkAfter && (id == null || o.Id == id) && (destination == null || o.Destination == destination));
}
