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
    public async Task<ConsentResult> RecordAsync(ConsentRecord record, string consentId, DateTimeOffset now, CancellationToken ct)
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

        db.Consents.Add(ConsentRow.From(record, consentId));
        return ConsentResult.Ok(record);
    }

    /// <summary>
    /// Withdraws the part of a consent that <paramref name="scope"/> names (all of it when null), as of
    /// <paramref name="withdrawnAt"/>. Only the organisation that recorded the consent finds it by its id: for any
    /// other organisation the id is unknown, exactly as if nobody had used it. Every targeted row is checked
    /// before any is changed, so a refused withdrawal changes nothing.
    /// </summary>
    public async Task<ConsentWithdrawal> WithdrawAsync(string recordedBy, string consentId, Contracts.V1.ConsentScope? scope,
        DateTimeOffset withdrawnAt, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.Consents.Where(c => c.RecordedBy == recordedBy && c.ConsentId == consentId).OrderBy(c => c.Id).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return ConsentWithdrawal.Unknown;
        }

        var targeted = scope is null ? rows : rows.Where(r => Names(scope, r)).ToList();
        var errors = new List<ConsentValidationError>();
        if (scope is not null && scope.Purpose != rows[0].Purpose)
        {
            errors.Add(new(ConsentError.InvalidScope, $"The withdrawal is for purpose {scope.Purpose}; the consent is for {rows[0].Purpose}."));
        }

        if (scope is not null)
        {
            var uncovered = scope.Organisations.Where(o => !rows.Any(r => r.ScopeOrganisation == o)).Select(o => "organisation " + o)
                .Concat(scope.OrganisationTypes.Where(t => !rows.Any(r => r.ScopeType == t)).Select(t => "type " + t))
                .ToList();
            if (uncovered.Count > 0 || targeted.Count == 0)
            {
                errors.Add(new(ConsentError.InvalidScope, uncovered.Count > 0
                    ? $"The consent does not cover {string.Join(", ", uncovered)}."
                    : "The withdrawal must name the organisations or organisation types it withdraws."));
            }
        }

        foreach (var row in targeted)
        {
            errors.AddRange(row.WithdrawnAt is not null
                ? [new(ConsentError.AlreadyWithdrawn, $"Consent for {row.ToRecord().Scope} was already withdrawn.")]
                : ConsentValidator.CheckWithdrawal(row.ToRecord(), withdrawnAt, now));
        }

        if (errors.Count > 0)
        {
            return ConsentWithdrawal.Refused(errors);
        }

        foreach (var row in targeted)
        {
            row.WithdrawnAt = withdrawnAt;
        }

        return ConsentWithdrawal.Done([.. targeted.Select(r => r.ToRecord())]);
    }

    private static bool Names(Contracts.V1.ConsentScope scope, ConsentRow row) =>
        row.ScopeOrganisation is { } code ? scope.Organisations.Contains(code) : scope.OrganisationTypes.Contains(row.ScopeType!.Value);

    /// <summary>Organisations that received data under these register records up to <paramref name="until"/>, from the access log.</summary>
    public async Task<IReadOnlyList<string>> RecipientsUnderAsync(IReadOnlyList<ConsentRecord> records, DateTimeOffset until, CancellationToken ct)
    {
        var ids = records.Select(r => r.Id).ToList();
        var transfers = await db.AccessLog.AsNoTracking()
            .Where(e => e.Event == AccessEventKind.Transfer && e.ConsentReference != null && ids.Contains(e.ConsentReference))
            .ToListAsync(ct);
        return [.. records.SelectMany(r => WithdrawalFanOut.RecipientsToNotify(r, transfers, until)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private sealed class Snapshot(IReadOnlyList<ConsentRecord> records) : IConsentLookup
    {
        public ConsentRecord? FindApplicable(SubjectKey subject, Purpose purpose, string sender, Organisation recipient, DateTimeOffset at) =>
            ConsentResolution.Resolve(records, subject, purpose, sender, recipient, at);
    }
}

/// <summary>What became of a withdrawal: done (the records as withdrawn), refused (why), or an id the organisation never recorded.</summary>
public sealed record ConsentWithdrawal
{
    public static ConsentWithdrawal Unknown { get; } = new() { IsUnknown = true };

    public bool IsUnknown { get; private init; }
    public IReadOnlyList<ConsentRecord> Withdrawn { get; private init; } = [];
    public IReadOnlyList<ConsentValidationError> Errors { get; private init; } = [];
    public bool Succeeded => !IsUnknown && Errors.Count == 0;

    public static ConsentWithdrawal Done(IReadOnlyList<ConsentRecord> withdrawn) => new() { Withdrawn = withdrawn };

    public static ConsentWithdrawal Refused(IReadOnlyList<ConsentValidationError> errors) => new() { Errors = errors };
}
