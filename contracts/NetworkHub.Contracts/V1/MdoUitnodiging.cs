using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>
/// The regisseur convenes a multidisciplinary meeting (MDO) of the organisations involved and the family.
/// The invitation says up front what will be shared and on which basis: the MDO is the venue where
/// partners who cite privacy can share lawfully.
/// </summary>
[SentBy(Wijkteam, GecertificeerdeInstelling, Procesmanager)]
public sealed record MdoUitnodiging : HubMessage
{
    /// <summary>Id of this meeting; every answer, reminder, minutes and cancellation refers to it.</summary>
    [NoPersonalData]
    public required Guid MdoId { get; init; }

    /// <summary>What the meeting is for, in a sentence or two.</summary>
    [Section(SectionKind.Plan)]
    public required string MeetingPurpose { get; init; }

    [Section(SectionKind.Plan)]
    public IReadOnlyList<string> AgendaItems { get; init; } = [];

    /// <summary>Times the invitees can choose from; the regisseur fixes one after the answers.</summary>
    [NoPersonalData]
    public required IReadOnlyList<DateTimeOffset> ProposedTimes { get; init; }

    /// <summary>Where, or how to join online.</summary>
    [Section(SectionKind.Plan)]
    public string? Location { get; init; }

    /// <summary>Organisation codes invited; only organisations involved with the family may be.</summary>
    [NoPersonalData]
    public required IReadOnlyList<string> Invitees { get; init; }

    /// <summary>Family members invited: the parents, and the young person from 12.</summary>
    public IReadOnlyList<SubjectReference> FamilyInvitees { get; init; } = [];

    /// <summary>What will be shared in the meeting, and on which basis.</summary>
    public required IReadOnlyList<PlannedSharing> Sharing { get; init; }

    /// <summary>Invitees answer before this time; the hub sends reminders to those who have not.</summary>
    [NoPersonalData]
    public required DateTimeOffset RsvpDeadline { get; init; }
}

/// <summary>One kind of information to be shared in an MDO, with its legal basis.</summary>
public sealed record PlannedSharing
{
    [NoPersonalData]
    public required SectionKind Content { get; init; }

    [Section(SectionKind.Plan)]
    public required string Description { get; init; }

    [NoPersonalData]
    public required Grondslag LegalBasis { get; init; }

    /// <summary>Reference into the consent register when the basis is <see cref="Grondslag.Toestemming"/>.</summary>
    [NoPersonalData]
    public string? ConsentReference { get; init; }
}
