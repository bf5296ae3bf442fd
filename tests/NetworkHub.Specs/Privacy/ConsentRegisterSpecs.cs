using ConsentScope = NetworkHub.Core.Privacy.ConsentScope;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using static NetworkHub.Specs.Privacy.PrivacyWorld;

namespace NetworkHub.Specs.Privacy;

public class ConsentRegisterSpecs
{
    private static readonly SubjectKey Subject = Pseudonyms.SubjectKeyFor(Child(), School.Code)!;

    private static ConsentRecord Valid(int age = 8, params GrantorRole[] by) => new()
    {
        Id = "C-1",
        RecordedBy = School.Code,
        Subject = Subject,
        SubjectBirthDate = BirthDateForAge(age),
        Purpose = Purpose.ShareWithNamedOrganisations,
        Scope = ConsentScope.ForOrganisation(WijkteamNoord.Code),
        GrantedBy = by.Length == 0 ? [GrantorRole.Parent] : by,
        Decision = ConsentDecision.Given,
        DecidedAt = Now.AddDays(-1),
        Method = ConsentMethod.Written,
    };

    private static readonly Dictionary<string, (ConsentRecord Record, ConsentError Expected)> BadRecords = new()
    {
        ["a consent dated in the future"] = (Valid() with { DecidedAt = Now.AddDays(2) }, ConsentError.DecidedInFuture),
        ["a consent valid until a moment before it was given"] = (Valid() with { ValidUntil = Now.AddDays(-3) }, ConsentError.ValidUntilNotAfterDecision),
        ["a consent for a subject born after the consent was given"] = (Valid() with { SubjectBirthDate = DateOnly.FromDateTime(Now.DateTime).AddDays(10) }, ConsentError.SubjectBornAfterDecision),
        ["a consent recorded as withdrawn before it was given"] = (Valid() with { WithdrawnAt = Now.AddDays(-5) }, ConsentError.WithdrawnBeforeDecision),
        ["a consent for an unknown purpose"] = (Valid() with { Purpose = (Purpose)99 }, ConsentError.UnknownPurpose),
        ["a consent for a melding, which needs no consent"] = (Valid() with { Purpose = Purpose.ReportToVeiligThuis }, ConsentError.PurposeNotConsentable),
        ["a consent given by a 10-year-old"] = (Valid(10, GrantorRole.YoungPerson), ConsentError.GrantorCannotConsent),
        ["a consent given by a parent alone for a 16-year-old"] = (Valid(16, GrantorRole.Parent), ConsentError.GrantorCannotConsent),
        ["a consent given by a guardian alone for a 17-year-old"] = (Valid(17, GrantorRole.Guardian), ConsentError.GrantorCannotConsent),
        ["a consent given by a parent alone for a 14-year-old"] = (Valid(14, GrantorRole.Parent), ConsentError.MissingRequiredGrantor),
        ["a consent given by a 14-year-old alone"] = (Valid(14, GrantorRole.YoungPerson), ConsentError.MissingRequiredGrantor),
        ["an adult's own consent recorded for a child"] = (Valid(9, GrantorRole.AdultSelf), ConsentError.GrantorCannotConsent),
        ["a refusal by a 10-year-old"] = (Valid(10, GrantorRole.YoungPerson) with { Decision = ConsentDecision.Refused }, ConsentError.GrantorCannotConsent),
        ["a refusal by a parent for a 17-year-old"] = (Valid(17, GrantorRole.Parent) with { Decision = ConsentDecision.Refused }, ConsentError.GrantorCannotConsent),
        ["a consent that does not say who gave it"] = (Valid() with { GrantedBy = [] }, ConsentError.MissingGrantor),
        ["a consent by an unknown kind of grantor"] = (Valid() with { GrantedBy = [(GrantorRole)42] }, ConsentError.UnknownGrantorRole),
        ["a consent to share with named organisations that names only a type"] = (Valid() with { Scope = ConsentScope.ForType(OrganisationType.Wijkteam) }, ConsentError.NamedOrganisationRequired),
        ["a consent scoped to both an organisation and a type"] = (Valid() with { Scope = new ConsentScope { OrganisationCode = "WT-NOORD", OrganisationType = OrganisationType.Wijkteam } }, ConsentError.InvalidScope),
        ["a consent recorded in an unknown way"] = (Valid() with { Method = (ConsentMethod)7 }, ConsentError.UnknownMethod),
        ["a consent without an id"] = (Valid() with { Id = " " }, ConsentError.MissingId),
        ["a consent without a subject"] = (Valid() with { Subject = new SubjectKey("") }, ConsentError.MissingSubject),
    };

    public static TheoryData<CaseName> BadRecordNames => [.. BadRecords.Keys.Select(k => new CaseName(k))];

    [Theory]
    [MemberData(nameof(BadRecordNames))]
    public void The_register_refuses_with_a_typed_error_and_writes_nothing(CaseName name)
    {
        var (record, expected) = BadRecords[name.Text];
        var register = new InMemoryConsentRegister();

        var result = register.Record(record, Now);

        Assert.False(result.Succeeded);
        Assert.Null(result.Record);
        Assert.Contains(result.Errors, e => e.Code == expected);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Null(register.Get(record.Id));
        Assert.Null(register.FindApplicable(Subject, record.Purpose, School.Code, WijkteamNoord, Now));
    }

    [Theory]
    [InlineData(8, new[] { GrantorRole.Parent })]
    [InlineData(8, new[] { GrantorRole.Guardian })]
    [InlineData(12, new[] { GrantorRole.YoungPerson, GrantorRole.Parent })]
    [InlineData(15, new[] { GrantorRole.YoungPerson, GrantorRole.Guardian })]
    [InlineData(16, new[] { GrantorRole.YoungPerson })]
    [InlineData(17, new[] { GrantorRole.YoungPerson, GrantorRole.Parent })]
    [InlineData(35, new[] { GrantorRole.AdultSelf })]
    public void Who_may_consent_follows_the_age_of_the_young_person(int age, GrantorRole[] by)
    {
        var result = new InMemoryConsentRegister().Record(Valid(age, by), Now);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Theory]
    [InlineData(13, GrantorRole.YoungPerson)]
    [InlineData(13, GrantorRole.Parent)]
    public void From_12_to_15_either_the_young_person_or_a_parent_can_refuse(int age, GrantorRole by)
    {
        var result = new InMemoryConsentRegister().Record(Valid(age, by) with { Decision = ConsentDecision.Refused }, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(ConsentState.Refused, result.Record!.StateAt(Now));
    }

    [Fact]
    public void A_record_with_several_problems_reports_all_of_them()
    {
        var result = new InMemoryConsentRegister().Record(Valid() with { Id = "", Purpose = (Purpose)99, Method = (ConsentMethod)0 }, Now);

        Assert.Equal(
            [ConsentError.MissingId, ConsentError.UnknownPurpose, ConsentError.UnknownMethod],
            result.Errors.Select(e => e.Code).Order().ToArray());
    }

    [Fact]
    public void The_same_id_cannot_be_recorded_twice()
    {
        var register = new InMemoryConsentRegister();
        register.Record(Valid(), Now);

        var second = register.Record(Valid() with { Decision = ConsentDecision.Refused }, Now);

        Assert.Equal(ConsentError.DuplicateId, Assert.Single(second.Errors).Code);
        Assert.Equal(ConsentDecision.Given, register.Get("C-1")!.Decision);
    }

    [Fact]
    public void Consent_is_not_asked_before_it_is_given_then_given_then_expired_after_valid_until()
    {
        var record = Valid() with { DecidedAt = Now.AddDays(-10), ValidUntil = Now.AddDays(10) };

        Assert.Equal(ConsentState.NotAsked, record.StateAt(Now.AddDays(-11)));
        Assert.Equal(ConsentState.Given, record.StateAt(Now));
        Assert.Equal(ConsentState.Expired, record.StateAt(Now.AddDays(10)));
    }

    [Fact]
    public void A_consent_the_school_recorded_lets_the_school_share_but_not_the_huisarts()
    {
        var register = new InMemoryConsentRegister();
        register.Record(Valid(), Now);
        var fromSchool = FullCaseFile(School, [WijkteamNoord], Purpose.ShareWithNamedOrganisations, Grondslag.Toestemming, Child());
        var fromHuisarts = FullCaseFile(Huisarts, [WijkteamNoord], Purpose.ShareWithNamedOrganisations, Grondslag.Toestemming, Child());

        var schoolShares = Policy.Decide(fromSchool, School, WijkteamNoord, register, Now);
        var huisartsShares = Policy.Decide(fromHuisarts, Huisarts, WijkteamNoord, register, Now);

        Assert.True(schoolShares.Allowed, schoolShares.Reason);
        Assert.False(huisartsShares.Allowed);
        Assert.Equal(PolicyRefusal.ConsentNotAsked, huisartsShares.Refusal);
    }

    [Fact]
    public void Withdrawing_returns_the_withdrawn_record_for_the_fan_out()
    {
        var register = new InMemoryConsentRegister();
        register.Record(Valid(), Now);

        var result = register.Withdraw("C-1", Now);

        Assert.True(result.Succeeded);
        Assert.Equal(Now, result.Record!.WithdrawnAt);
        Assert.Equal(ConsentState.Withdrawn, register.FindApplicable(Subject, Purpose.ShareWithNamedOrganisations, School.Code, WijkteamNoord, Now)!.StateAt(Now));
    }

    [Fact]
    public void Withdrawing_twice_an_unknown_record_or_a_refusal_is_refused_and_changes_nothing()
    {
        var register = new InMemoryConsentRegister();
        register.Record(Valid(), Now);
        register.Record(Valid() with { Id = "C-2", Decision = ConsentDecision.Refused }, Now);
        register.Withdraw("C-1", Now);

        Assert.Equal(ConsentError.AlreadyWithdrawn, Assert.Single(register.Withdraw("C-1", Now.AddHours(1)).Errors).Code);
        Assert.Equal(ConsentError.UnknownConsent, Assert.Single(register.Withdraw("C-404", Now).Errors).Code);
        Assert.Equal(ConsentError.OnlyGivenConsentCanBeWithdrawn, Assert.Single(register.Withdraw("C-2", Now).Errors).Code);
        Assert.Equal(Now, register.Get("C-1")!.WithdrawnAt);
        Assert.Null(register.Get("C-2")!.WithdrawnAt);
    }

    [Fact]
    public void A_withdrawal_dated_before_the_consent_is_refused()
    {
        var register = new InMemoryConsentRegister();
        register.Record(Valid(), Now);

        var result = register.Withdraw("C-1", Now.AddDays(-30));

        Assert.Equal(ConsentError.WithdrawnBeforeDecision, Assert.Single(result.Errors).Code);
        Assert.Null(register.Get("C-1")!.WithdrawnAt);
    }

    [Fact]
    public void An_expired_consent_does_not_block_an_older_one_that_is_still_valid()
    {
        var register = new InMemoryConsentRegister();
        register.Record(Valid() with { Id = "old", DecidedAt = Now.AddDays(-100), ValidUntil = Now.AddDays(100) }, Now);
        register.Record(Valid() with { Id = "short", DecidedAt = Now.AddDays(-20), ValidUntil = Now.AddDays(-10) }, Now);

        Assert.Equal("old", register.FindApplicable(Subject, Purpose.ShareWithNamedOrganisations, School.Code, WijkteamNoord, Now)!.Id);
    }

    [Fact]
    public void A_parents_refusal_for_a_child_of_14_no_longer_binds_the_young_person_at_16()
    {
        var refusal = Valid(16, GrantorRole.Parent) with { Decision = ConsentDecision.Refused, DecidedAt = Now.AddDays(-600) };

        Assert.Empty(ConsentValidator.Validate(refusal, Now.AddDays(-600)));
        Assert.Equal(ConsentState.Refused, refusal.StateAt(Now.AddDays(-600)));
        Assert.Equal(ConsentState.Expired, refusal.StateAt(Now));
    }
}
