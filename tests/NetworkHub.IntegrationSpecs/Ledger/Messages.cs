using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;

namespace NetworkHub.IntegrationSpecs.Ledger;

/// <summary>Realistic messages for specs; fictional references only, dated by the spec's clock (the hub's).</summary>
public static class Messages
{
    public static Signaal SignalFromSchool(TimeProvider clock, string to = "wijkteam-noord", Guid? id = null, string category = "zorgen over thuissituatie") => new()
    {
        MessageId = id ?? Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = "school-de-regenboog",
        Recipients = [to],
        Subject = Pupil,
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = "toestemming-0042",
        CreatedAt = clock.GetUtcNow().AddSeconds(-1),
        Category = category,
        Urgency = Urgency.Normal,
        Leefgebieden = [Leefgebied.School, Leefgebied.Opvoeding],
        FamilyInformed = true,
    };

    /// <summary>The pupil's parents consented, yesterday, to the school sharing with these organisations.</summary>
    public static ConsentRecorded ConsentFromSchool(TimeProvider clock, params string[] organisations) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = "school-de-regenboog",
        Subject = Pupil with { BirthDate = new DateOnly(2017, 3, 14) },
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = "toestemming-0042",
        CreatedAt = clock.GetUtcNow().AddSeconds(-1),
        ConsentId = "toestemming-0042",
        GrantedBy = [GrantorRole.Parent],
        Scope = new ConsentScope { Purpose = Purpose.ShareWithNamedOrganisations, Organisations = organisations },
        GivenOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-1)),
    };

    public static ConsentWithdrawn ConsentWithdrawnBySchool(TimeProvider clock, params string[] organisations) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = "school-de-regenboog",
        Subject = Pupil,
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = "toestemming-0042",
        CreatedAt = clock.GetUtcNow().AddSeconds(-1),
        ConsentId = "toestemming-0042",
        WithdrawnBy = GrantorRole.Parent,
        Scope = new ConsentScope { Purpose = Purpose.ShareWithNamedOrganisations, Organisations = organisations },
        WithdrawnOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
    };

    private static readonly SubjectReference Pupil = new() { Role = SubjectRole.Child, SenderReference = "leerling-0042", FamilyReference = "gezin-0042" };

    public static Acknowledgement AcknowledgementOf(TimeProvider clock, HubMessage message, string by) => new()
    {
        MessageId = DeterministicGuid.Create(message.MessageId, by + ":ack"),
        CorrelationId = message.CorrelationId,
        SenderOrganisation = by,
        Recipients = [message.SenderOrganisation],
        Purpose = Purpose.Coordination,
        CreatedAt = clock.GetUtcNow().AddSeconds(-1),
        AcknowledgedMessageId = message.MessageId,
        AcknowledgedBy = by,
    };

    public static ReturnMessage ReturnOf(TimeProvider clock, HubMessage message, string by, ReturnCode code, string reason) => new()
    {
        MessageId = DeterministicGuid.Create(message.MessageId, by + ":return"),
        CorrelationId = message.CorrelationId,
        SenderOrganisation = by,
        Recipients = [message.SenderOrganisation],
        Purpose = Purpose.Coordination,
        CreatedAt = clock.GetUtcNow().AddSeconds(-1),
        ReturnedMessageId = message.MessageId,
        ReturnedContract = ContractCatalogue.NameOf(message.GetType()),
        ReturnedBy = by,
        Code = code,
        Reason = reason,
    };
}
