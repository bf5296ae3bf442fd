using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;

namespace NetworkHub.Specs.Contracts;

/// <summary>Every contract says who may send it; the hub reads it from the contract.</summary>
public class ContractDeclarationSpecs
{
    private static readonly Type[] HubOnly =
    [
        typeof(MatchNotification), typeof(AcknowledgementOverdue), typeof(RegieConflict), typeof(RegieMissing), typeof(DeletionRequested),
        typeof(WarmeOverdrachtReminder), typeof(WarmeOverdrachtEscalated), typeof(MdoReminder),
    ];

    [Fact]
    public void Every_contract_declares_who_may_send_it() =>
        Assert.All(ContractCatalogue.All, contract => Assert.NotNull(ContractCatalogue.SendersOf(contract)));

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
}
