using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>Why a consent record (or a withdrawal) was not accepted into the register.</summary>
public enum ConsentError
{
    MissingId = 1,
    DuplicateId = 2,
    MissingSubject = 3,
    UnknownPurpose = 4,

    /// <summary>The purpose exists but is not one consent is asked for (a melding or child protection needs no consent).</summary>
    PurposeNotConsentable = 5,

    InvalidScope = 6,

    /// <summary>Consent to "share with named organisations" must name the organisation.</summary>
    NamedOrganisationRequired = 7,

    UnknownMethod = 8,
    UnknownDecision = 9,
    MissingGrantor = 10,
    UnknownGrantorRole = 11,

    /// <summary>A grantor who cannot decide for this subject at this age (a 10-year-old; a parent alone for a 16-year-old).</summary>
    GrantorCannotConsent = 12,

    /// <summary>Someone who must consent is missing (from 12 to 15 both the young person and a parent).</summary>
    MissingRequiredGrantor = 13,

    DecidedInFuture = 14,
    SubjectBornAfterDecision = 15,
    ValidUntilNotAfterDecision = 16,
    WithdrawnBeforeDecision = 17,
    WithdrawnInFuture = 18,
    OnlyGivenConsentCanBeWithdrawn = 19,
    AlreadyWithdrawn = 20,
    UnknownConsent = 21,
}

/// <summary>A typed, readable reason a consent change was refused. Never contains personal data.</summary>
public sealed record ConsentValidationError(ConsentError Code, string Message);

/// <summary>The outcome of a register change: the record as stored, or why nothing was stored.</summary>
public sealed record ConsentResult
{
    public ConsentRecord? Record { get; private init; }
    public IReadOnlyList<ConsentValidationError> Errors { get; private init; } = [];
    public bool Succeeded => Errors.Count == 0;

    public static ConsentResult Ok(ConsentRecord record) => new() { Record = record };

    public static ConsentResult Failed(IReadOnlyList<ConsentValidationError> errors) => new() { Errors = errors };

    public static ConsentResult Failed(ConsentError code, string message) => new() { Errors = [new(code, message)] };
}

public static class ConsentValidator
{
    /// <summary>The purposes a family is asked consent for.</summary>
    public static IReadOnlySet<Purpose> ConsentPurposes { get; } = new HashSet<Purpose>
    {
        Purpose.GatherInformation, Purpose.ShareWithNamedOrganisations, Purpose.DiscussInMdo, Purpose.DiscussAnonymously,
    };

    // Clocks of partner systems drift; a decision a few minutes "ahead" is not an impossible date.
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Every problem with the record, so the sender can fix them in one go; empty when it is valid.</summary>
    public static IReadOnlyList<ConsentValidationError> Validate(ConsentRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var errors = new List<ConsentValidationError>();

        if (string.IsNullOrWhiteSpace(record.Id))
        {
            errors.Add(new(ConsentError.MissingId, "The consent record has no id."));
        }

        if (record.Subject is null || string.IsNullOrWhiteSpace(record.Subject.Value))
        {
            errors.Add(new(ConsentError.MissingSubject, "The consent record names no subject."));
        }

        if (!Enum.IsDefined(record.Purpose))
        {
            errors.Add(new(ConsentError.UnknownPurpose, $"Purpose {(int)record.Purpose} is unknown."));
        }
        else if (!ConsentPurposes.Contains(record.Purpose))
        {
            errors.Add(new(ConsentError.PurposeNotConsentable, $"Consent is not asked for purpose {record.Purpose}; it has its own legal basis."));
        }

        if (record.Scope is null || (record.Scope.OrganisationCode is null) == (record.Scope.OrganisationType is null)
            || (record.Scope.OrganisationCode is { } code && string.IsNullOrWhiteSpace(code))
            || (record.Scope.OrganisationType is { } type && !Enum.IsDefined(type)))
        {
            errors.Add(new(ConsentError.InvalidScope, "The scope must name exactly one organisation or one known organisation type."));
        }
        else if (record.Purpose == Purpose.ShareWithNamedOrganisations && !record.Scope.IsSpecific)
        {
            errors.Add(new(ConsentError.NamedOrganisationRequired, "Consent to share with named organisations must name the organisation, not a type."));
        }

        if (!Enum.IsDefined(record.Method))
        {
            errors.Add(new(ConsentError.UnknownMethod, $"Method {(int)record.Method} is unknown."));
        }

        var decisionKnown = Enum.IsDefined(record.Decision);
        if (!decisionKnown)
        {
            errors.Add(new(ConsentError.UnknownDecision, $"Decision {(int)record.Decision} is unknown."));
        }

        var grantors = record.GrantedBy ?? [];
        var grantorsKnown = true;
        if (grantors.Count == 0)
        {
            errors.Add(new(ConsentError.MissingGrantor, "The record does not say who decided."));
            grantorsKnown = false;
        }
        else if (grantors.Where(g => !Enum.IsDefined(g)).Select(g => (int?)g).FirstOrDefault() is { } unknown)
        {
            errors.Add(new(ConsentError.UnknownGrantorRole, $"Grantor role {unknown} is unknown."));
            grantorsKnown = false;
        }

        var datesSound = true;
        if (record.DecidedAt > now + ClockTolerance)
        {
            errors.Add(new(ConsentError.DecidedInFuture, "The decision is dated in the future."));
            datesSound = false;
        }

        if (record.SubjectBirthDate > DateOnly.FromDateTime(record.DecidedAt.DateTime))
        {
            errors.Add(new(ConsentError.SubjectBornAfterDecision, "The subject's birth date lies after the decision."));
            datesSound = false;
        }

        if (record.ValidUntil is { } until && until <= record.DecidedAt)
        {
            errors.Add(new(ConsentError.ValidUntilNotAfterDecision, "Valid-until must lie after the moment of the decision."));
        }

        if (record.WithdrawnAt is { } withdrawn)
        {
            errors.AddRange(CheckWithdrawal(record, withdrawn, now));
        }

        if (datesSound && decisionKnown && grantorsKnown)
        {
            var age = ConsentAgeRules.AgeOn(record.SubjectBirthDate, record.DecidedAt);
            errors.AddRange(record.Decision == ConsentDecision.Given
                ? ConsentAgeRules.CheckGiven(grantors, age)
                : ConsentAgeRules.CheckRefused(grantors, age));
        }

        return errors;
    }

    /// <summary>What is wrong with withdrawing this record at <paramref name="withdrawnAt"/>; empty when it may be withdrawn.</summary>
    public static IReadOnlyList<ConsentValidationError> CheckWithdrawal(ConsentRecord record, DateTimeOffset withdrawnAt, DateTimeOffset now)
    {
        var errors = new List<ConsentValidationError>();
        if (record.Decision != ConsentDecision.Given)
        {
            errors.Add(new(ConsentError.OnlyGivenConsentCanBeWithdrawn, "Only given consent can be withdrawn; a refusal is replaced by a new decision."));
        }

        if (withdrawnAt < record.DecidedAt)
        {
            errors.Add(new(ConsentError.WithdrawnBeforeDecision, "The withdrawal is dated before the consent was given."));
        }

        if (withdrawnAt > now + ClockTolerance)
        {
            errors.Add(new(ConsentError.WithdrawnInFuture, "The withdrawal is dated in the future."));
        }

        return errors;
    }
}
