using ConsentScope = NetworkHub.Core.Privacy.ConsentScope;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using static NetworkHub.Specs.Privacy.PrivacyWorld;

namespace NetworkHub.Specs.Privacy;

public class PrivacyGateSpecs
{
    private static readonly PrivacyGate Gate = new(Policy, Projector);

    [Fact]
    public void One_mdo_invitation_to_three_organisations_gives_each_its_own_copy_or_refusal_and_one_log_row()
    {
        var subject = Child();
        var register = new InMemoryConsentRegister();
        foreach (var type in new[] { OrganisationType.School, OrganisationType.Huisarts })
        {
            register.Record(new ConsentRecord
            {
                Id = $"C-{type}",
                RecordedBy = WijkteamNoord.Code,
                Subject = Pseudonyms.SubjectKeyFor(subject, WijkteamNoord.Code)!,
                SubjectBirthDate = subject.BirthDate!.Value,
                Purpose = Purpose.DiscussInMdo,
                Scope = ConsentScope.ForType(type),
                GrantedBy = [GrantorRole.Parent],
                Decision = ConsentDecision.Given,
                DecidedAt = Now.AddDays(-2),
                Method = ConsentMethod.Written,
            }, Now);
        }

        var message = FullCaseFile(WijkteamNoord, [School, Huisarts, Jeugdhulp], Purpose.DiscussInMdo, Grondslag.Toestemming, subject);

        var outcomes = Gate.Evaluate(message, OrganisationDirectory, register, Now);

        Assert.Equal([School.Code, Huisarts.Code, Jeugdhulp.Code], outcomes.Select(o => o.Decision.RecipientCode));
        var school = Assert.IsType<CaseFileShared>(outcomes[0].Copy);
        var huisarts = Assert.IsType<CaseFileShared>(outcomes[1].Copy);
        Assert.Null(school.HealthSummary);
        Assert.Null(school.Subject!.Bsn);
        Assert.Equal(Bsn, huisarts.Subject!.Bsn);
        Assert.Equal(message.HealthSummary, huisarts.HealthSummary);
        Assert.Null(outcomes[2].Copy);
        Assert.Equal(ReturnCode.NoLegalBasis, outcomes[2].Decision.ReturnCode);
        Assert.Equal(
            [AccessEventKind.Transfer, AccessEventKind.Transfer, AccessEventKind.Refusal],
            outcomes.Select(o => o.LogEntry.Event));
        Assert.Equal(["C-School", "C-Huisarts", null], outcomes.Select(o => o.LogEntry.ConsentReference));
        Assert.All(outcomes, o => Assert.Null(o.Review));
    }

    [Fact]
    public void A_melding_yields_a_review_item_and_an_override_row()
    {
        var message = FullCaseFile(School, [VeiligThuis], Purpose.ReportToVeiligThuis, Grondslag.Meldrecht, Child()) with
        {
            Override = new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = "Kind vertelt over geweld thuis; stap 5: melden." },
        };

        var outcome = Assert.Single(Gate.Evaluate(message, OrganisationDirectory, new InMemoryConsentRegister(), Now));

        Assert.NotNull(outcome.Copy);
        Assert.Equal(AccessEventKind.Override, outcome.LogEntry.Event);
        Assert.True(outcome.LogEntry.OverrideUsed);
        Assert.Equal(MeldcodeStep.Beslissen, outcome.Review!.MeldcodeStep);
    }
}
