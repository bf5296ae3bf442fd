using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>The consent register on the hub's database.</summary>
public sealed class ConsentStore(HubDbContext db)
{
    /// <summary>
    /// Loads every record for the subject's keys once, so the policy (which asks per recipient) works on
    /// memory. The choice of the decisive record is the domain's (<see cref="ConsentResolution"/>).
    /// </summary>
    public async Task<IConsentLookup> SnapshotAsync(IReadOnlyList<SubjectKey> subjectKeys, CancellationToken ct)
    {
        var keys = subjectKeys.Select(k => k.Value).ToArray();
        var rows = keys.Length == 0 ? [] : await db.Consents.AsNoTracking().Where(c => keys.Contains(c.SubjectKey)).ToListAsync(ct);
        return new Snapshot([.. rows.Select(r => r.ToRecord())]);
    }

    /// <summary>Validates and adds a decision; nothing is written when it is refused.</summary>
    public async Task<ConsentResult> RecordAsync(ConsentRecord record, string recordedBy, DateTimeOffset now, CancellationToken ct)
    {
        var errors = ConsentValidator.Validate(record, now);
        if (errors.Count > 0)
        {
            return ConsentResult.Failed(errors);
        }

        if (await db.Consents.AnyAsync(c => c.Id == record.Id, ct))
        {
            return ConsentResult.Failed(ConsentError.DuplicateId, "A consent record with this id already exists.");
        }

        db.Consents.Add(ConsentRow.From(record, recordedBy));
        return ConsentResult.Ok(record);
    }

    public async Task<ConsentResult> WithdrawAsync(string consentId, DateTimeOffset at, CancellationToken ct)
    {
        var row = await db.Consents.FirstOrDefaultAsync(c => c.Id == consentId, ct);
        if (row is null)
        {
            return ConsentResult.Failed(ConsentError.UnknownConsent, "No consent record with this id.");
        }

        if (row.WithdrawnAt is not null)
        {
            return ConsentResult.Failed(ConsentError.AlreadyWithdrawn, "This consent was already withdrawn.");
        }

        var errors = ConsentValidator.CheckWithdrawal(row.ToRecord(), at, at);
        if (errors.Count > 0)
        {
            return ConsentResult.Failed(errors);
        }

        row.WithdrawnAt = at;
        return ConsentResult.Ok(row.ToRecord());
    }

    public async Task<(ConsentRecord Record, string RecordedBy)?> GetAsync(string consentId, CancellationToken ct) =>
        await db.Consents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consentId, ct) is { } row ? (row.ToRecord(), row.RecordedBy) : null;

    private sealed class Snapshot(IReadOnlyList<ConsentRecord> records) : IConsentLookup
    {
        public ConsentRecord? FindApplicable(SubjectKey subject, Purpose purpose, Organisation recipient, DateTimeOffset at) =>
            ConsentResolution.Resolve(records, subject, purpose, recipient, at);
    }
}
