using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;
using NetworkHub.Specs.Privacy;

namespace NetworkHub.Specs.Contracts;

/// <summary>Every contract says who may send it and what each of its properties is; the hub reads both from the contract.</summary>
public class ContractDeclarationSpecs
{
    private static readonly Type[] HubOnly =
    [
        typeof(MatchNotification), typeof(AcknowledgementOverdue), typeof(RegieConflict), typeof(RegieMissing), typeof(DeletionRequested),
        typeof(WarmeOverdrachtReminder), typeof(WarmeOverdrachtEscalated), typeof(MdoReminder), typeof(EvaluationOverdue), typeof(CaseStale),
    ];

    [Fact]
    public void Every_contract_declares_who_may_send_it_and_classifies_every_property_as_a_data_section_or_no_personal_data() =>
        Assert.Empty(ContractClassification.Gaps(ContractCatalogue.All));

    [Fact]
    public void A_contract_without_senders_or_with_an_unclassified_property_is_named_as_a_gap()
    {
        var gaps = ContractClassification.Gaps([typeof(UnclassifiedNote)]);

        Assert.Contains(gaps, g => g.Contains("UnclassifiedNote does not declare who may send it", StringComparison.Ordinal));
        Assert.Contains(gaps, g => g.Contains("UnclassifiedNote.Note is in no section", StringComparison.Ordinal));
        Assert.DoesNotContain(gaps, g => g.Contains("NoteId", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_hub_originates_its_alerts_reminders_matches_and_deletion_requests()
    {
        var hubOnly = ContractCatalogue.All.Where(c => ContractCatalogue.SendersOf(c)!.HubOnly);

        Assert.Equal(HubOnly.Select(t => t.Name).Order(), hubOnly.Select(t => t.Name).Order());
        Assert.All(HubOnly, contract => Assert.All(Enum.GetValues<OrganisationType>(),
            type => Assert.NotNull(AllowedSenders.Refusal(contract, type))));
    }

    [Fact]
    public void Answers_settlements_and_feedback_come_from_any_partner_and_from_the_hub()
    {
        Assert.All(new[] { typeof(Acknowledgement), typeof(ReturnMessage), typeof(Terugkoppeling), typeof(WarmeOverdrachtReturned) }, contract =>
        {
            Assert.True(ContractCatalogue.SendersOf(contract)!.Hub, contract.Name);
            Assert.All(Enum.GetValues<OrganisationType>(), type => Assert.Null(AllowedSenders.Refusal(contract, type)));
        });
    }

    [Fact]
    public void Regie_mdo_invitations_and_closures_come_from_an_organisation_that_can_hold_regie_and_never_from_a_school()
    {
        Assert.All(new[] { typeof(RegieAssigned), typeof(MdoUitnodiging), typeof(MdoMinutesShared), typeof(MdoCancelled), typeof(CaseClosed) }, contract =>
        {
            Assert.Null(AllowedSenders.Refusal(contract, OrganisationType.Wijkteam));
            Assert.Null(AllowedSenders.Refusal(contract, OrganisationType.GecertificeerdeInstelling));
            Assert.Contains("the sender is a School", AllowedSenders.Refusal(contract, OrganisationType.School), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Coordination_without_a_basis_carries_acknowledgements_answers_and_status_but_never_a_contract_with_content_about_the_family()
    {
        var coordination = PolicyTable.Default.Rules.Single(r => r.Id == "C-COORD").Contracts!;

        Assert.Superset(new HashSet<Type>
        {
            typeof(Acknowledgement), typeof(ReturnMessage), typeof(Terugkoppeling), typeof(WarmeOverdrachtAccepted), typeof(FirstContactConfirmed),
            typeof(WarmeOverdrachtCompleted), typeof(RegieAssigned), typeof(RegieAcknowledged), typeof(MdoAnswer),
        }, coordination.ToHashSet());
        Assert.All(new[] { typeof(Signaal), typeof(WarmeOverdrachtOffered), typeof(MdoUitnodiging), typeof(MdoMinutesShared), typeof(Opschaling), typeof(Afschaling) },
            content => Assert.DoesNotContain(content, coordination));
    }
}
