using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>What the policy needs from the consent register: the decisive record, if any.</summary>
public interface IConsentLookup
{
    /// <summary>
    /// The record that decides whether the sender may share data about the subject with the recipient for the
    /// purpose at <paramref name="at"/>; null when the sender never asked.
    /// </summary>
    ConsentRecord? FindApplicable(SubjectKey subject, Purpose purpose, string sender, Organisation recipient, DateTimeOffset at);
}

/// <summary>The consent register. A change is validated first and stored whole or not at all.</summary>
public interface IConsentRegister : IConsentLookup
{
    ConsentResult Record(ConsentRecord record, DateTimeOffset now);

    /// <summary>Marks given consent withdrawn; the returned record is what the withdrawal fan-out starts from.</summary>
    ConsentResult Withdraw(string consentId, DateTimeOffset at);

    ConsentRecord? Get(string consentId);
}

/// <summary>Chooses the decisive record among those a register holds for one subject and purpose. Shared by every register implementation.</summary>
public static class ConsentResolution
{
    /// <summary>
    /// Only decisions the sender recorded count: a consent authorises the sharing it names (its recorder, the
    /// purpose, the organisations or types in its scope) and nothing else. Among those, the family's most recent
    /// expressed will that covers this recipient wins (a later refusal for all
    /// schools beats an earlier consent for one school; a new consent after a withdrawal counts again).
    /// At equal moments the record naming the organisation beats the one for its type. An expired
    /// record does not block an older one that is still valid; it is returned only when nothing else
    /// decides, so the refusal can say "expired".
    /// </summary>
    public static ConsentRecord? Resolve(IEnumerable<ConsentRecord> candidates, SubjectKey subject, Purpose purpose, string sender, Organisation recipient, DateTimeOffset at)
    {
        ConsentRecord? firstExpired = null;
        var ordered = candidates
            .Where(r => r.Subject == subject && r.Purpose == purpose && string.Equals(r.RecordedBy, sender, StringComparison.Ordinal)
                        && r.Scope.Covers(recipient) && r.DecidedAt <= at)
            .OrderByDescending(r => r.LastExpressedAt(at))
            .ThenByDescending(r => r.Scope.IsSpecific);
        foreach (var record in ordered)
        {
            if (record.StateAt(at) != ConsentState.Expired)
            {
                return record;
            }

            firstExpired ??= record;
        }

        return firstExpired;
    }
}

/// <summary>The register in memory, for specs and the embedded simulation. Persistence provides the real one.</summary>
public sealed class InMemoryConsentRegister : IConsentRegister
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConsentRecord> _records = new(StringComparer.Ordinal);

    public ConsentResult Record(ConsentRecord record, DateTimeOffset now)
    {
        var errors = ConsentValidator.Validate(record, now);
        if (errors.Count > 0)
        {
            return ConsentResult.Failed(errors);
        }

        lock (_gate)
        {
            if (!_records.TryAdd(record.Id, record))
            {
                return ConsentResult.Failed(ConsentError.DuplicateId, "A consent record with this id already exists.");
            }
        }

        return ConsentResult.Ok(record);
    }

    public ConsentResult Withdraw(string consentId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_records.TryGetValue(consentId, out var record))
            {
                return ConsentResult.Failed(ConsentError.UnknownConsent, "No consent record with this id.");
            }

            if (record.WithdrawnAt is not null)
            {
                return ConsentResult.Failed(ConsentError.AlreadyWithdrawn, "This consent was already withdrawn.");
            }

            var errors = ConsentValidator.CheckWithdrawal(record, at, at);
            if (errors.Count > 0)
            {
                return ConsentResult.Failed(errors);
            }

            var withdrawn = record with { WithdrawnAt = at };
            _records[consentId] = withdrawn;
            return ConsentResult.Ok(withdrawn);
        }
    }

    public ConsentRecord? Get(string consentId)
    {
        lock (_gate)
        {
            return _records.GetValueOrDefault(consentId);
        }
    }

    public ConsentRecord? FindApplicable(SubjectKey subject, Purpose purpose, string sender, Organisation recipient, DateTimeOffset at)
    {
        lock (_gate)
        {
            return ConsentResolution.Resolve(_records.Values, subject, purpose, sender, recipient, at);
        }
    }
}
