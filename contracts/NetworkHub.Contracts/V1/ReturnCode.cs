namespace NetworkHub.Contracts.V1;

/// <summary>
/// Why a message was not delivered or was refused. One list for the hub and all partners, modelled on
/// the national youth-care message standard's return codes. Numbers are part of the wire: never reuse one.
/// </summary>
public enum ReturnCode
{
    MalformedMessage = 1,
    UnknownContract = 2,
    UnknownSender = 3,
    UnknownRecipient = 4,
    SenderMismatch = 5,
    MessageTypeNotAllowed = 6,
    NoLegalBasis = 7,
    ConsentRefused = 8,
    ConsentWithdrawn = 9,
    ConsentExpired = 10,
    PurposeNotAllowedForRecipient = 11,
    ShieldedSubject = 12,
    Duplicate = 13,
    DeadlinePassed = 14,
    PayloadTooLarge = 15,
    DomainRuleViolated = 16,
    UnknownHandOff = 17,
    RecipientUnavailable = 18,
    DeclinedByRecipient = 19,
    NotInvolved = 20,
    ProcessingFailed = 21,

    /// <summary>The sender recorded no consent with this id; the same answer whether someone else did or nobody.</summary>
    UnknownConsent = 22,

    /// <summary>No evaluation date of this MDO is kept with the sender as regisseur; the same answer whether the MDO is someone else's or unknown.</summary>
    UnknownEvaluation = 23,
}

public enum ReturnCodeClass
{
    /// <summary>Sending the same message again later may succeed.</summary>
    Transient = 1,

    /// <summary>The message must be corrected (or the situation changed) before it can go.</summary>
    Fatal = 2,
}

public sealed record ReturnCodeInfo(ReturnCode Code, string Id, string Dutch, string English, ReturnCodeClass Class);

/// <summary>The documented meaning of each <see cref="ReturnCode"/> (docs/return-codes.md is generated from the same list).</summary>
public static class ReturnCodes
{
    public static IReadOnlyList<ReturnCodeInfo> All { get; } =
    [
        new(ReturnCode.MalformedMessage, "NH001", "Bericht onleesbaar of onvolledig", "Message could not be read or is incomplete", ReturnCodeClass.Fatal),
        new(ReturnCode.UnknownContract, "NH002", "Onbekend berichttype", "Unknown message contract", ReturnCodeClass.Fatal),
        new(ReturnCode.UnknownSender, "NH003", "Afzender onbekend", "Sender is not a known organisation", ReturnCodeClass.Fatal),
        new(ReturnCode.UnknownRecipient, "NH004", "Ontvanger onbekend", "Recipient is not a known organisation", ReturnCodeClass.Fatal),
        new(ReturnCode.SenderMismatch, "NH005", "Afzender komt niet overeen met verbinding", "Sender in the message does not match the authenticated connection", ReturnCodeClass.Fatal),
        new(ReturnCode.MessageTypeNotAllowed, "NH006", "Afzender mag dit berichttype niet sturen", "Sender is not allowed to send this message type", ReturnCodeClass.Fatal),
        new(ReturnCode.NoLegalBasis, "NH007", "Geen grondslag", "No legal basis for sharing personal data", ReturnCodeClass.Fatal),
        new(ReturnCode.ConsentRefused, "NH008", "Toestemming geweigerd", "Consent was refused", ReturnCodeClass.Fatal),
        new(ReturnCode.ConsentWithdrawn, "NH009", "Toestemming ingetrokken", "Consent was withdrawn", ReturnCodeClass.Fatal),
        new(ReturnCode.ConsentExpired, "NH010", "Toestemming verlopen", "Consent has expired", ReturnCodeClass.Fatal),
        new(ReturnCode.PurposeNotAllowedForRecipient, "NH011", "Doel niet toegestaan voor dit type ontvanger", "Purpose not allowed for this type of recipient", ReturnCodeClass.Fatal),
        new(ReturnCode.ShieldedSubject, "NH012", "Afgeschermde persoon", "Subject is shielded (afgeschermd)", ReturnCodeClass.Fatal),
        new(ReturnCode.Duplicate, "NH013", "Bericht al ontvangen", "Message was already received", ReturnCodeClass.Fatal),
        new(ReturnCode.DeadlinePassed, "NH014", "Termijn verstreken", "Deadline has passed", ReturnCodeClass.Fatal),
        new(ReturnCode.PayloadTooLarge, "NH015", "Bericht te groot", "Message is too large", ReturnCodeClass.Fatal),
        new(ReturnCode.DomainRuleViolated, "NH016", "Inhoud voldoet niet aan de regels", "Content violates a domain rule", ReturnCodeClass.Fatal),
        new(ReturnCode.UnknownHandOff, "NH017", "Onbekende overdracht", "No hand-off with this id is addressed to you", ReturnCodeClass.Fatal),
        new(ReturnCode.RecipientUnavailable, "NH018", "Ontvanger tijdelijk niet bereikbaar", "Recipient temporarily unavailable", ReturnCodeClass.Transient),
        new(ReturnCode.DeclinedByRecipient, "NH019", "Geweigerd door ontvanger", "Declined by the recipient", ReturnCodeClass.Fatal),
        new(ReturnCode.NotInvolved, "NH020", "Organisatie niet betrokken bij dit gezin", "Organisation is not involved with this family", ReturnCodeClass.Fatal),
        new(ReturnCode.ProcessingFailed, "NH021", "Verwerking bij de hub mislukt; het bericht is bewaard voor beheer", "The hub could not process the message and keeps it for its operators", ReturnCodeClass.Fatal),
        new(ReturnCode.UnknownConsent, "NH022", "Geen toestemming met dit kenmerk door u vastgelegd", "You recorded no consent with this id", ReturnCodeClass.Fatal),
        new(ReturnCode.UnknownEvaluation, "NH023", "Geen evaluatie van dit MDO met u als regisseur", "No evaluation of this MDO has you as its regisseur", ReturnCodeClass.Fatal),
    ];

    public static ReturnCodeInfo Describe(ReturnCode code) =>
        All.FirstOrDefault(c => c.Code == code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Undocumented return code.");
}
