namespace NetworkHub.Contracts.V1;

/// <summary>
/// The receiver has taken over the case and the sender's part ends. Closes the hand-over with this
/// <see cref="HubMessage.CorrelationId"/>; it remains traceable.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record WarmeOverdrachtCompleted : HubMessage
{
    /// <summary>Organisation holding regie now; normally the offer's <see cref="WarmeOverdrachtOffered.RegieAfterwards"/>.</summary>
    [NoPersonalData]
    public required string RegisseurOrganisation { get; init; }
}
