using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// The policy's answer for one message and one recipient, with the reason in words. Contains no
/// personal data, so it can be logged, shown on the console and returned to the sender.
/// </summary>
public sealed record PolicyDecision
{
    public required bool Allowed { get; init; }

    /// <summary>Set when refused: the finer reason, and the code the sender receives.</summary>
    public PolicyRefusal? Refusal { get; init; }

    public ReturnCode? ReturnCode { get; init; }

    public required Guid MessageId { get; init; }
    public required string SenderCode { get; init; }
    public required string RecipientCode { get; init; }
    public Grondslag? Basis { get; init; }
    public required Purpose Purpose { get; init; }

    /// <summary>The table row that decided; null when no row applied.</summary>
    public string? RuleId { get; init; }

    /// <summary>The sections this recipient may see; empty when refused.</summary>
    public IReadOnlySet<SectionKind> VisibleSections { get; init; } = new HashSet<SectionKind>();

    public bool BsnAllowed { get; init; }

    /// <summary>The recipient gets no identification, no pseudonym and no references at all.</summary>
    public bool Anonymous { get; init; }

    /// <summary>A meldcode/child-protection override carried the message past missing consent.</summary>
    public bool OverrideUsed { get; init; }

    public bool NeedsPrivacyReview { get; init; }

    /// <summary>Consent was lacking while the message signals safety concerns: the reason points to a melding at Veilig Thuis.</summary>
    public bool MeldingAdvised { get; init; }

    /// <summary>The hub's key for the subject (never the BSN); null when the message names no identifiable subject.</summary>
    public SubjectKey? SubjectKey { get; init; }

    /// <summary>The consent record the decision rests on (or that refused it).</summary>
    public string? ConsentReference { get; init; }

    public ConsentState? ConsentState { get; init; }

    /// <summary>Why, in words an operator and a privacy officer can read. Never personal data.</summary>
    public required string Reason { get; init; }
}
