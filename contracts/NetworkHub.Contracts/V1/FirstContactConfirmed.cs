namespace NetworkHub.Contracts.V1;

/// <summary>
/// The receiver of a hand-over has reached the family. Clears the first-contact deadline; without this
/// the case goes back to the sender.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record FirstContactConfirmed : HubMessage
{
    [NoPersonalData]
    public required DateOnly ContactedOn { get; init; }

    /// <summary>Who was reached: parents, children, or both.</summary>
    public required IReadOnlyList<SubjectReference> ContactWith { get; init; }
}
