using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>
/// The regisseur moves the evaluation of an MDO's plan to a later date, with a reason. Sent to the hub alone (no
/// recipients): the hub keeps the new date and forwards nothing. From anyone but the regisseur the minutes named, or
/// for an MDO without an evaluation date, it is returned with <see cref="ReturnCode.UnknownEvaluation"/>.
/// </summary>
[SentBy(Wijkteam, GecertificeerdeInstelling, Procesmanager)]
public sealed record EvaluationPostponed : HubMessage
{
    [NoPersonalData]
    public required Guid MdoId { get; init; }

    /// <summary>The new evaluation date; after today.</summary>
    [NoPersonalData]
    public required DateOnly NextEvaluationOn { get; init; }

    /// <summary>Why the evaluation moves, in the regisseur's words: it may say something about the family, so it is plan content.</summary>
    [Section(SectionKind.Plan)]
    public required string Reason { get; init; }
}
