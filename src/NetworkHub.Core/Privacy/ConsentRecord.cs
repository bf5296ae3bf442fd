using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

public enum ConsentMethod
{
    Written = 1,
    Verbal = 2,
    Digital = 3,
}

/// <summary>What was decided when the family was asked. Refusal is an explicit answer, not a missing record.</summary>
public enum ConsentDecision
{
    Given = 1,
    Refused = 2,
}

/// <summary>The state of consent at a moment in time.</summary>
public enum ConsentState
{
    /// <summary>No decision on record (or not yet at that moment).</summary>
    NotAsked = 1,
    Given = 2,
    Refused = 3,
    Withdrawn = 4,

    /// <summary>Past its valid-until date, or the young person has since reached an age at which these grantors no longer suffice.</summary>
    Expired = 5,
}

/// <summary>Consent covers one named organisation or every organisation of a type; exactly one is set.</summary>
public sealed record ConsentScope
{
    public string? OrganisationCode { get; init; }
    public OrganisationType? OrganisationType { get; init; }

    public static ConsentScope ForOrganisation(string code) => new() { OrganisationCode = code };

    public static ConsentScope ForType(OrganisationType type) => new() { OrganisationType = type };

    public bool IsSpecific => OrganisationCode is not null;

    public bool Covers(Organisation recipient) =>
        OrganisationCode is not null
            ? string.Equals(OrganisationCode, recipient.Code, StringComparison.Ordinal)
            : OrganisationType == recipient.Type;

    public override string ToString() => OrganisationCode is not null ? $"organisation {OrganisationCode}" : $"all of type {OrganisationType}";
}

/// <summary>
/// One consent decision in the register: for one subject, one purpose and one scope of recipients, asked by
/// one organisation. Withdrawal is the only later change; anything else is a new record.
/// </summary>
public sealed record ConsentRecord
{
    public required string Id { get; init; }

    /// <summary>
    /// The organisation that asked the family and recorded the decision. It is the only sender the decision
    /// concerns (a consent authorises only the sharing it names) and the only partner that may withdraw it.
    /// </summary>
    public required string RecordedBy { get; init; }
    public required SubjectKey Subject { get; init; }

    /// <summary>Needed for the age rules: who may decide depends on the young person's age on the day.</summary>
    public required DateOnly SubjectBirthDate { get; init; }

    public required Purpose Purpose { get; init; }
    public required ConsentScope Scope { get; init; }
    public required IReadOnlyList<GrantorRole> GrantedBy { get; init; }
    public required ConsentDecision Decision { get; init; }

    /// <summary>When the decision was expressed (given-at, or refused-at).</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    public required ConsentMethod Method { get; init; }

    /// <summary>Exclusive end of validity; null means until withdrawn.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>The moment of the latest expressed will (decision or withdrawal) as seen at <paramref name="at"/>.</summary>
    public DateTimeOffset LastExpressedAt(DateTimeOffset at) => WithdrawnAt is { } w && w <= at ? w : DecidedAt;

    public ConsentState StateAt(DateTimeOffset at)
    {
        if (at < DecidedAt)
        {
            return ConsentState.NotAsked;
        }

        if (WithdrawnAt is { } withdrawn && withdrawn <= at)
        {
            return ConsentState.Withdrawn;
        }

        if (ValidUntil is { } until && until <= at)
        {
            return ConsentState.Expired;
        }

        // A decision lapses when the young person grows into a say of their own (12) or sole say (16).
        var age = ConsentAgeRules.AgeOn(SubjectBirthDate, at);
        var stillValid = Decision == ConsentDecision.Given
            ? ConsentAgeRules.CheckGiven(GrantedBy, age).Count == 0
            : ConsentAgeRules.CheckRefused(GrantedBy, age).Count == 0;
        if (!stillValid)
        {
            return ConsentState.Expired;
        }

        return Decision == ConsentDecision.Given ? ConsentState.Given : ConsentState.Refused;
    }

    /// <summary>True when the record is expired because of the young person's age rather than its valid-until date.</summary>
    public bool OutgrownAt(DateTimeOffset at) =>
        StateAt(at) == ConsentState.Expired && !(ValidUntil is { } until && until <= at);
}
