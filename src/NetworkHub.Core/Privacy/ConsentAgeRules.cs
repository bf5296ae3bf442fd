using NetworkHub.Contracts.V1;
namespace NetworkHub.Core.Privacy;

/// <summary>
/// Who can decide about a young person's data, by age. Rules of thumb from the WGBO (BW 7:447, 7:450,
/// 7:465) that the Jeugdwet (hoofdstuk 7.3) follows: under 12 the parents or guardian decide; from 12
/// to 15 the young person and a parent or guardian both; from 16 the young person alone.
/// </summary>
public static class ConsentAgeRules
{
    public const int OwnSayFrom = 12;
    public const int AloneFrom = 16;
    public const int AdultFrom = 18;

    /// <summary>Age in whole years on the calendar date of <paramref name="at"/> (in its own offset).</summary>
    public static int AgeOn(DateOnly birthDate, DateTimeOffset at)
    {
        var on = DateOnly.FromDateTime(at.DateTime);
        var age = on.Year - birthDate.Year;
        if (on < birthDate.AddYears(age))
        {
            age--;
        }

        return age;
    }

    /// <summary>What is wrong with these grantors giving consent for a subject of this age; empty when they may.</summary>
    public static IReadOnlyList<ConsentValidationError> CheckGiven(IReadOnlyCollection<GrantorRole> grantors, int age)
    {
        var errors = new List<ConsentValidationError>();
        var parent = grantors.Contains(GrantorRole.Parent) || grantors.Contains(GrantorRole.Guardian);
        var young = grantors.Contains(GrantorRole.YoungPerson);
        var adult = grantors.Contains(GrantorRole.AdultSelf);

        if (age < AdultFrom && adult)
        {
            errors.Add(new(ConsentError.GrantorCannotConsent, "An adult subject's own consent was recorded for a minor."));
        }

        if (age < OwnSayFrom)
        {
            if (young)
            {
                errors.Add(new(ConsentError.GrantorCannotConsent, $"A child under {OwnSayFrom} cannot consent; the parents or guardian decide."));
            }

            if (!parent)
            {
                errors.Add(new(ConsentError.MissingRequiredGrantor, $"Under {OwnSayFrom} a parent or guardian must consent."));
            }
        }
        else if (age < AloneFrom)
        {
            if (!young || !parent)
            {
                errors.Add(new(ConsentError.MissingRequiredGrantor, $"From {OwnSayFrom} to {AloneFrom - 1} both the young person and a parent or guardian must consent."));
            }
        }
        else if (!young && !(adult && age >= AdultFrom))
        {
            errors.Add(parent
                ? new(ConsentError.GrantorCannotConsent, $"From {AloneFrom} the young person decides alone; a parent or guardian cannot consent for them.")
                : new(ConsentError.MissingRequiredGrantor, $"From {AloneFrom} the young person must consent."));
        }

        return errors;
    }

    /// <summary>
    /// What is wrong with these grantors refusing for a subject of this age; empty when they may. Where
    /// two must consent, either one's refusal is enough.
    /// </summary>
    public static IReadOnlyList<ConsentValidationError> CheckRefused(IReadOnlyCollection<GrantorRole> grantors, int age)
    {
        var parent = grantors.Contains(GrantorRole.Parent) || grantors.Contains(GrantorRole.Guardian);
        var young = grantors.Contains(GrantorRole.YoungPerson);
        var adult = grantors.Contains(GrantorRole.AdultSelf);

        if (age < AdultFrom && adult)
        {
            return [new(ConsentError.GrantorCannotConsent, "An adult subject's own decision was recorded for a minor.")];
        }

        var mayDecide = age < OwnSayFrom ? parent
            : age < AloneFrom ? parent || young
            : young || (adult && age >= AdultFrom);
        if (mayDecide)
        {
            return [];
        }

        return age < OwnSayFrom
            ? [new(ConsentError.GrantorCannotConsent, $"A child under {OwnSayFrom} cannot decide; the parents or guardian do.")]
            : [new(ConsentError.GrantorCannotConsent, $"From {AloneFrom} the young person decides alone; a parent or guardian cannot refuse for them.")];
    }
}
