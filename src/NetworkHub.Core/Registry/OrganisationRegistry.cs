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

    /// <summary>Adds or updates organisations (from configuration or the CLI) and reloads.</summary>
    public async Task UpsertAsync(HubDbContext db, IEnumerable<RegisteredOrganisation> organisations, CancellationToken ct)
    {
        foreach (var org in organisations)
        {
            var row = await db.Organisations.FindAsync([org.Code], ct);
            if (row is null)
            {
                db.Organisations.Add(new OrganisationRecord { Code = org.Code, Name = org.Name, Type = org.Type, BrokerUser = org.BrokerUser });
            }
            else
            {
                row.Name = org.Name;
                row.Type = org.Type;
                row.BrokerUser = org.BrokerUser;
            }
        }

        await db.SaveChangesAsync(ct);
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
