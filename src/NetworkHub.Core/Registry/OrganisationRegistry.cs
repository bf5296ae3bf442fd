using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Registry;

public sealed record RegisteredOrganisation(string Code, string Name, OrganisationType Type, string? BrokerUser);

/// <summary>
/// The partner directory, read on every message: kept in memory and reloaded when it changes, so the
/// hot path never queries the database for it.
/// </summary>
public sealed class OrganisationRegistry : IOrganisationDirectory
{
    private volatile Snapshot _snapshot = new([]);

    public IReadOnlyCollection<RegisteredOrganisation> All => _snapshot.ByCode.Values;

    public RegisteredOrganisation? Find(string code) => _snapshot.ByCode.GetValueOrDefault(code);

    Organisation? IOrganisationDirectory.Find(string code) => _snapshot.ForPolicy.GetValueOrDefault(code);

    public RegisteredOrganisation? FindByBrokerUser(string user) => _snapshot.ByBrokerUser.GetValueOrDefault(user);

    public async Task ReloadAsync(HubDbContext db, CancellationToken ct)
    {
        var rows = await db.Organisations.AsNoTracking().ToListAsync(ct);
        _snapshot = new Snapshot(rows.Select(r => new RegisteredOrganisation(r.Code, r.Name, r.Type, r.BrokerUser)));
    }

    /// <summary>
    /// Adds or updates organisations (from configuration or the CLI) and reloads. One insert-or-update statement per
    /// organisation (EF Core has none), in code order, so hub instances starting together on one database neither
    /// fail on each other's inserts nor deadlock; the statement is the same on SQLite and PostgreSQL.
    /// </summary>
    public async Task UpsertAsync(HubDbContext db, IEnumerable<RegisteredOrganisation> organisations, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginWriteTransactionAsync(ct))
        {
            foreach (var org in organisations.OrderBy(o => o.Code, StringComparer.Ordinal))
            {
                await db.Database.ExecuteSqlAsync(
                    $"""
                     INSERT INTO organisations ("Code", "Name", "Type", "BrokerUser") VALUES ({org.Code}, {org.Name}, {org.Type.ToString()}, {org.BrokerUser})
                     ON CONFLICT ("Code") DO UPDATE SET "Name" = excluded."Name", "Type" = excluded."Type", "BrokerUser" = excluded."BrokerUser"
                     """, ct);
            }

            await transaction.CommitAsync(ct);
        }

        await ReloadAsync(db, ct);
    }

    private sealed class Snapshot
    {
        public Snapshot(IEnumerable<RegisteredOrganisation> organisations)
        {
            ByCode = organisations.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);
            ByBrokerUser = ByCode.Values.Where(o => o.BrokerUser is not null)
                .ToFrozenDictionary(o => o.BrokerUser!, StringComparer.Ordinal);
            ForPolicy = ByCode.ToFrozenDictionary(o => o.Key, o => new Organisation(o.Value.Code, o.Value.Name, o.Value.Type), StringComparer.Ordinal);
        }

        public FrozenDictionary<string, RegisteredOrganisation> ByCode { get; }
        public FrozenDictionary<string, RegisteredOrganisation> ByBrokerUser { get; }
        public FrozenDictionary<string, Organisation> ForPolicy { get; }
    }
}
