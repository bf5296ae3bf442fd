using NetworkHub.Contracts.V1;
using static NetworkHub.Host.Demo.DemoNetwork;

namespace NetworkHub.Host.Demo;

/// <summary>
/// The demo's case with regie, so the regisseur's MDO view has something to show: the school and the huisarts signal a
/// 13-year-old (the school names the mother), the schuldhulp signals the mother, the wijkteam records the family's
/// consent to an MDO and takes regie, and its system convenes a first MDO, which the partners answer. The BSNs are
/// from the test range (999 99x xxx), which no person has.
/// </summary>
public static class DemoFamily
{
    /// <summary>The child's test BSN; the regisseur types it (as from the wijkteam's own file) to convene another MDO.</summary>
    public const string ChildBsn = "999990101";
    private const string MotherBsn = "999990113";
    private const string ConsentId = "demo-mdo-toestemming";

    private static SubjectReference Child => new()
    {
        Role = SubjectRole.Child, Bsn = ChildBsn, BirthDate = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-13).AddDays(-75)),
    };

    private static readonly SubjectReference Mother = new() { Role = SubjectRole.Parent, Bsn = MotherBsn };

    /// <summary>The messages in the order the partners send them, each with its sender.</summary>
    public static IEnumerable<(string From, HubMessage Message)> Messages()
    {
        yield return (School, Signal(School, Child with { BirthDate = null, SenderReference = "leerling-0101" }, "schoolverzuim") with { FamilyMembers = [Mother] });
        yield return (Huisarts, Signal(Huisarts, Child with { BirthDate = null, SenderReference = "patient-0101" }, "zorgen over ontwikkeling"));
        yield return (Schuldhulp, Signal(Schuldhulp, Mother with { SenderReference = "stadsbank-2211" }, "problematische schulden"));
        yield return (Wijkteam, new ConsentRecorded
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Subject = Child,
            Purpose = Purpose.DiscussInMdo, LegalBasis = Grondslag.Toestemming, ConsentReference = ConsentId, CreatedAt = DateTimeOffset.UtcNow,
            ConsentId = ConsentId, GrantedBy = [GrantorRole.YoungPerson, GrantorRole.Parent],
            Scope = new ConsentScope { Purpose = Purpose.DiscussInMdo, OrganisationTypes = [OrganisationType.School, OrganisationType.Huisarts, OrganisationType.Schuldhulp] },
            GivenOn = DateOnly.FromDateTime(DateTime.UtcNow),
        });
        yield return (Wijkteam, new RegieAssigned
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School, Huisarts, Schuldhulp],
            Subject = Child with { BirthDate = null }, Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow,
            Scope = RegieScope.Family, RegisseurOrganisation = Wijkteam, RegisseurDisplayName = "Regisseur wijkteam Noord",
        });
        var mdo = Guid.NewGuid();
        yield return (Wijkteam, new MdoUitnodiging
        {
            MessageId = Guid.NewGuid(), CorrelationId = mdo, SenderOrganisation = Wijkteam, Recipients = [School, Huisarts, Schuldhulp],
            Subject = Child with { BirthDate = null }, Purpose = Purpose.DiscussInMdo, LegalBasis = Grondslag.Toestemming, ConsentReference = ConsentId,
            CreatedAt = DateTimeOffset.UtcNow, MdoId = mdo, MeetingPurpose = "Eén plan voor het gezin: schoolverzuim, ontwikkeling en schulden",
            ProposedTimes = [DateTimeOffset.UtcNow.Date.AddDays(8).AddHours(9)], Invitees = [School, Huisarts, Schuldhulp],
            FamilyInvitees = [new SubjectReference { Role = SubjectRole.Parent }, Child],
            Sharing = [new PlannedSharing { Content = SectionKind.Plan, Description = "Het gezinsplan", LegalBasis = Grondslag.Toestemming, ConsentReference = ConsentId }],
            RsvpDeadline = DateTimeOffset.UtcNow.Date.AddDays(6).AddHours(17),
        });
    }

    /// <summary>How a partner's system answers the invitation: the school and the schuldhulp come, the huisarts sends a colleague.</summary>
    public static MdoAnswer Answer(string from, MdoUitnodiging invitation) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = invitation.MdoId, SenderOrganisation = from, Recipients = [invitation.SenderOrganisation],
        Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow, MdoId = invitation.MdoId,
        Response = from == Huisarts ? MdoResponse.Delegate : MdoResponse.Accept,
        DelegateName = from == Huisarts ? "POH-jeugd" : null,
    };

    private static Signaal Signal(string from, SubjectReference about, string category) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = from, Subject = about,
        Purpose = Purpose.Coordination, CreatedAt = DateTimeOffset.UtcNow, Category = category, Urgency = Urgency.Normal,
        Leefgebieden = [Leefgebied.Opvoeding], FamilyInformed = true,
    };
}
