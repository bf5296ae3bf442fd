using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// The locks that let a write transaction decide on state that nobody changes before it commits.
/// <para>
/// PostgreSQL runs READ COMMITTED and takes writers side by side: two transactions could both read a hand-over as
/// accepted, and one return it while the other records first contact. So a transaction that checks a row and then acts
/// on it locks the row first (SELECT … FOR UPDATE); a second one for the same row waits, then reads what the first
/// committed. A signal adds rows instead of changing one, so its registration locks the people it is about instead: a
/// transaction-scoped advisory lock per subject key.
/// </para>
/// <para>
/// Locks are taken before the state they guard is read, and always in this order: the hand-off, hand-over, MDO or
/// escalation a message or deadline is about; the evaluation dates it ends (by id); a signal's index row; subject
/// keys, by number; last, that thing's deadlines (routing cancels them, the deadline processor claims them). So a
/// message and a deadline never wait for each other in a circle.
/// </para>
/// <para>SQLite admits one writer at a time (see <see cref="WriteTransactions"/>): there every transaction already holds every lock, and these do nothing.</para>
/// </summary>
public static class RowLocks
{
    /// <summary>Locks the row of <typeparamref name="TEntity"/> with this id, if there is one, until the transaction ends.</summary>
    public static Task LockRowAsync<TEntity>(this HubDbContext db, Guid id, CancellationToken ct) where TEntity : class =>
        LockAsync<TEntity>(db, id, ct);

    /// <summary>Locks the row of <typeparamref name="TEntity"/> with this number (a generated id), if there is one, until the transaction ends.</summary>
    public static Task LockRowAsync<TEntity>(this HubDbContext db, long id, CancellationToken ct) where TEntity : class =>
        LockAsync<TEntity>(db, id, ct);

    private static async Task LockAsync<TEntity>(HubDbContext db, object id, CancellationToken ct) where TEntity : class
    {
        if (!Concurrent(db))
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not stored.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var key = sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties.Single().GetColumnName());
        var select = $"SELECT 1 FROM {table} WHERE {key} = {{0}} FOR UPDATE"; // names from the model; the id is a parameter
        await db.Database.ExecuteSqlRawAsync(select, [id], ct);
    }

    /// <summary>Locks these subject keys (the hub's keys for people) until the transaction ends.</summary>
    public static async Task LockSubjectsAsync(this HubDbContext db, IEnumerable<string> subjectKeys, CancellationToken ct)
    {
        if (!Concurrent(db))
        {
            return;
        }

        foreach (var number in subjectKeys.Select(LockNumber).Distinct().Order())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({number})", ct);
        }
    }

    /// <summary>An advisory lock number for a name (a subject key, a background pass): stable across processes, unlike string.GetHashCode.</summary>
    internal static long LockNumber(string name) => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static bool Concurrent(HubDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A lock lasts as long as its transaction: take it inside BeginWriteTransactionAsync.");
        }

        return db.Database.IsNpgsql();
    }
}
