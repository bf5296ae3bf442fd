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

    /// <summary>
    /// The school reports to Veilig Thuis without consent under the meldcode (meldrecht), having reached step 5; the
    /// hub lets it through as an override that awaits the privacy officer's review.
    /// </summary>
    public static Signaal MeldingFromSchool(TimeProvider clock, string? bsn = null) => SignalFromSchool(clock, to: "veilig-thuis-ijsselland") with
    {
        Subject = bsn is null ? Pupil : Pupil with { Bsn = bsn },
        Purpose = Purpose.ReportToVeiligThuis,
        LegalBasis = Grondslag.Meldrecht,
        ConsentReference = null,
        Urgency = Urgency.High,
        Leefgebieden = [Leefgebied.Veiligheid],
        Override = new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = MeldingJustification },
    };

    public const string MeldingJustification = "Kind vertelt over geweld thuis; collegiaal overleg gehad, ouders weigeren hulp.";

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
