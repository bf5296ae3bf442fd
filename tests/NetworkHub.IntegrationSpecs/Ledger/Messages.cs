using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;

namespace NetworkHub.IntegrationSpecs.Ledger;

/// <summary>Realistic messages for specs; fictional references only.</summary>
public static class Messages
{
    public static Signaal SignalFromSchool(string to = "wijkteam-noord", Guid? id = null, string category = "zorgen over thuissituatie") => new()
    {
        MessageId = id ?? Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = "school-de-regenboog",
        Recipients = [to],
        Subject = new SubjectReference { Role = SubjectRole.Child, SenderReference = "leerling-0042", FamilyReference = "gezin-0042" },
        Purpose = Purpose.ShareWithNamedOrganisations,
        LegalBasis = Grondslag.Toestemming,
        ConsentReference = "toestemming-0042",
        CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        Category = category,
        Urgency = Urgency.Normal,
        Leefgebieden = [Leefgebied.School, Leefgebied.Opvoeding],
        FamilyInformed = true,
    };

    public static Acknowledgement AcknowledgementOf(HubMessage message, string by) => new()
    {
        MessageId = DeterministicGuid.Create(message.MessageId, by + ":ack"),
        CorrelationId = message.CorrelationId,
        SenderOrganisation = by,
        Recipients = [message.SenderOrganisation],
        Purpose = Purpose.Coordination,
        CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        AcknowledgedMessageId = message.MessageId,
        AcknowledgedBy = by,
    };
}
