using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// A family the MDO specs meet: a 13-year-old whose school signals a worry, naming the mother; another organisation
/// signals the mother herself; the wijkteam records the family's consent to discuss the case in an MDO and takes regie.
/// Test BSNs only.
/// </summary>
public static class FamilyCase
{
    public const string ChildBsn = "999990044";
    public const string MotherBsn = "999990056";
    public const string ConsentId = "mdo-toestemming-0044";
    public const string WijkteamReference = "wt-dossier-0044";

    public static SubjectReference Child(TimeProvider clock) => new()
    {
        Role = SubjectRole.Child, Bsn = ChildBsn, BirthDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(-13).AddDays(-20)),
    };

    public static readonly SubjectReference Mother = new() { Role = SubjectRole.Parent, Bsn = MotherBsn };

    /// <summary>A signal for the index about the child, naming the mother, so the hub links the two.</summary>
    public static Signaal ChildSignal(TimeProvider clock, string from) => IndexSignal(clock, from, ChildBsn, $"{from}-0044") with
    {
        FamilyMembers = [Mother],
    };

    /// <summary>A signal for the index about the mother (debts, say).</summary>
    public static Signaal MotherSignal(TimeProvider clock, string from) => IndexSignal(clock, from, MotherBsn, $"{from}-moeder-0044") with
    {
        Subject = Mother with { SenderReference = $"{from}-moeder-0044" },
        Category = "problematische schulden",
    };

    /// <summary>The young person and a parent consent to discussing the case in an MDO with organisations of these types.</summary>
    public static ConsentRecorded MdoConsent(TimeProvider clock, params OrganisationType[] types) => Messages.ConsentFromSchool(clock) with
    {
        SenderOrganisation = Wijkteam,
        Subject = Child(clock),
        ConsentId = ConsentId,
        ConsentReference = ConsentId,
        GrantedBy = [GrantorRole.YoungPerson, GrantorRole.Parent], // from 12 to 16 both decide
        Scope = new ConsentScope { Purpose = Purpose.DiscussInMdo, OrganisationTypes = types },
    };

    /// <summary>The wijkteam takes regie over the family, telling those who signalled.</summary>
    public static RegieAssigned RegieClaim(TimeProvider clock, params string[] to) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = to,
        Subject = Child(clock) with { SenderReference = WijkteamReference }, Purpose = Purpose.Coordination, CreatedAt = clock.GetUtcNow(),
        Scope = RegieScope.Family, RegisseurOrganisation = Wijkteam, RegisseurDisplayName = "Regisseur wijkteam Noord",
    };

    /// <summary>The wijkteam's invitation to an MDO about the child, under the family's consent.</summary>
    public static MdoUitnodiging Invitation(TimeProvider clock, params string[] invitees) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = Wijkteam,
        Recipients = invitees,
        Subject = Child(clock),
        Purpose = Purpose.DiscussInMdo,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = ConsentId,
        CreatedAt = clock.GetUtcNow(),
        MdoId = Guid.NewGuid(),
        MeetingPurpose = "Eén plan voor het gezin: school, schulden en opvoeding",
        ProposedTimes = [clock.GetUtcNow().AddDays(7)],
        Invitees = invitees,
        Sharing = [new PlannedSharing { Content = SectionKind.Plan, Description = "Het gezinsplan", LegalBasis = Grondslag.Toestemming, ConsentReference = ConsentId }],
        RsvpDeadline = clock.GetUtcNow().AddDays(5),
    };

    public static MdoAnswer Answer(TimeProvider clock, string from, Guid mdo, MdoResponse response) => new()
    {
        MessageId = Guid.NewGuid(), CorrelationId = mdo, SenderOrganisation = from, Recipients = [Wijkteam],
        Purpose = Purpose.Coordination, CreatedAt = clock.GetUtcNow(), MdoId = mdo, Response = response,
    };
}
