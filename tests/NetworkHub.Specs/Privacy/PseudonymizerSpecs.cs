using ConsentScope = NetworkHub.Core.Privacy.ConsentScope;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using static NetworkHub.Specs.Privacy.PrivacyWorld;

namespace NetworkHub.Specs.Privacy;

public class PseudonymizerSpecs
{
    private static readonly Pseudonymizer Before = new(KeysWithCurrent("2024"));
    private static readonly Pseudonymizer After = new(KeysWithCurrent("2025"));

    [Fact]
    public void The_same_child_gets_the_same_pseudonym_at_the_same_recipient_whoever_sends()
    {
        var fromSchool = After.PseudonymFor(School.Code, Child(), School.Code);
        var fromWijkteam = After.PseudonymFor(School.Code, Child() with { SenderReference = "other-case" }, WijkteamNoord.Code);

        Assert.Equal(fromSchool, fromWijkteam);
        Assert.Matches("^2025:[a-z2-7]{32}$", fromSchool);
    }

    [Fact]
    public void Without_a_bsn_the_pseudonym_follows_the_sender_s_own_reference()
    {
        var child = Child(withBsn: false);

        Assert.Equal(After.PseudonymFor(School.Code, child, WijkteamNoord.Code), After.PseudonymFor(School.Code, child, WijkteamNoord.Code));
        Assert.NotEqual(After.PseudonymFor(School.Code, child, WijkteamNoord.Code), After.PseudonymFor(School.Code, child, WijkteamZuid.Code));
        Assert.Null(After.PseudonymFor(School.Code, Child(withBsn: false, withReference: false), WijkteamNoord.Code));
    }

    [Fact]
    public void The_hub_s_subject_key_differs_from_every_recipient_pseudonym_and_never_shows_the_bsn()
    {
        var key = After.SubjectKeyFor(Child(), School.Code)!;

        Assert.DoesNotContain(Bsn, key.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivacyWorld.All, o => After.PseudonymFor(o.Code, Child(), School.Code) == key.Value);
    }

    [Fact]
    public void After_rotation_new_pseudonyms_use_the_new_key_and_an_old_one_maps_to_the_new()
    {
        var old = Before.PseudonymFor(School.Code, Child(), WijkteamNoord.Code)!;
        var current = After.PseudonymFor(School.Code, Child(), WijkteamNoord.Code)!;

        Assert.NotEqual(old, current);
        Assert.StartsWith("2024:", old, StringComparison.Ordinal);
        Assert.True(After.TryMapToCurrent(School.Code, Child(), WijkteamNoord.Code, old, out var mapped));
        Assert.Equal(current, mapped);
        Assert.False(After.TryMapToCurrent(Huisarts.Code, Child(), WijkteamNoord.Code, old, out _));
    }

    [Fact]
    public void Consent_recorded_before_a_key_rotation_is_still_found_after_it()
    {
        var subject = Child();
        var register = new InMemoryConsentRegister();
        register.Record(new ConsentRecord
        {
            Id = "C-2024",
            RecordedBy = School.Code,
            Subject = Before.SubjectKeyFor(subject, School.Code)!,
            SubjectBirthDate = subject.BirthDate!.Value,
            Purpose = Purpose.ShareWithNamedOrganisations,
            Scope = ConsentScope.ForOrganisation(WijkteamNoord.Code),
            GrantedBy = [GrantorRole.Parent],
            Decision = ConsentDecision.Given,
            DecidedAt = Now.AddDays(-100),
            Method = ConsentMethod.Written,
        }, Now);
        var message = FullCaseFile(School, [WijkteamNoord], Purpose.ShareWithNamedOrganisations, Grondslag.Toestemming, subject);

        var decision = new PrivacyPolicy(PolicyTable.Default, After).Decide(message, School, WijkteamNoord, register, Now);

        Assert.True(decision.Allowed, decision.Reason);
        Assert.Equal("C-2024", decision.ConsentReference);
        Assert.Equal(After.SubjectKeyFor(subject, School.Code), decision.SubjectKey);
    }

    [Theory]
    [InlineData("missing", "must name one of the configured keys")]
    [InlineData("short", "at least 32 bytes")]
    [InlineData("garbage", "not valid base64")]
    public void Misconfigured_keys_are_refused_at_start_up(string problem, string message)
    {
        var options = problem switch
        {
            "missing" => new PseudonymOptions { CurrentKeyId = "2026", Keys = KeysWithCurrent("2025").Keys },
            "short" => new PseudonymOptions { CurrentKeyId = "k", Keys = new() { ["k"] = Convert.ToBase64String(new byte[16]) } },
            _ => new PseudonymOptions { CurrentKeyId = "k", Keys = new() { ["k"] = "not base64!" } },
        };

        var error = Assert.Throws<ArgumentException>(() => new Pseudonymizer(options));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
