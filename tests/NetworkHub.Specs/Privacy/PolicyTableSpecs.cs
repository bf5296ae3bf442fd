using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Specs.Privacy;

public class PolicyTableSpecs
{
    private static readonly PolicyTable Table = PolicyTable.Default;

    [Fact]
    public void Every_organisation_type_has_a_profile()
    {
        Assert.Equal(Enum.GetValues<OrganisationType>().ToHashSet(), Table.Profiles.Keys.ToHashSet());
    }

    [Fact]
    public void No_two_rules_decide_the_same_basis_purpose_recipient_and_sender()
    {
        var overlaps =
            from rule in Table.Rules
            from basis in rule.Basis is { } b ? [(Grondslag?)b] : Enum.GetValues<Grondslag>().Select(g => (Grondslag?)g).Append(null)
            from recipient in rule.Recipients
            from sender in rule.Senders ?? Enum.GetValues<OrganisationType>().ToHashSet()
            group rule.Id by (basis, rule.Purpose, recipient, sender) into g
            where g.Count() > 1
            select $"{g.Key}: {string.Join(", ", g)}";

        Assert.Empty(overlaps);
    }

    [Fact]
    public void Every_rule_names_its_source_and_a_plain_reason_and_only_consentable_purposes_need_consent()
    {
        Assert.All(Table.Rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Reason), r.Id);
            Assert.Equal(r.ConsentRequired, r.Basis == Grondslag.Toestemming);
            Assert.True(!r.ConsentRequired || ConsentValidator.ConsentPurposes.Contains(r.Purpose), r.Id);
        });
    }

    [Fact]
    public void Justice_data_never_travels_on_consent_and_anonymous_rules_carry_no_identification()
    {
        Assert.All(Table.Rules.Where(r => r.ConsentRequired), r => Assert.DoesNotContain(SectionKind.Justice, r.Sections));
        Assert.All(Table.Rules.Where(r => r.Anonymous), r =>
        {
            Assert.DoesNotContain(SectionKind.Identification, r.Sections);
            Assert.DoesNotContain(SectionKind.Address, r.Sections);
            Assert.False(r.BsnAllowed);
        });
    }

    [Fact]
    public void Every_refusal_maps_to_a_documented_return_code()
    {
        Assert.All(Enum.GetValues<PolicyRefusal>(), r => Assert.NotNull(ReturnCodes.Describe(PolicyRefusals.ReturnCodeFor(r))));
    }

    [Fact]
    public void Docs_privacy_md_shows_the_current_policy_table()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "privacy.md");
        var document = File.ReadAllText(path);
        var begin = document.IndexOf(PolicyDocumentation.BeginMarker, StringComparison.Ordinal);
        var end = document.IndexOf(PolicyDocumentation.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/privacy.md must hold the generated-section markers.");

        var head = document[..(begin + PolicyDocumentation.BeginMarker.Length)];
        var tail = document[end..];
        var expected = head + "\n\n" + PolicyDocumentation.RenderTables(Table).ReplaceLineEndings("\n") + "\n" + tail;

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        Assert.True(expected == document, "docs/privacy.md is out of date with the policy table; run the specs with UPDATE_DOCS=1 and commit the result.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetworkHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (NetworkHub.sln).");
    }
}
