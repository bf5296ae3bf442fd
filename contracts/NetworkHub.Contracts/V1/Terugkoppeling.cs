namespace NetworkHub.Contracts.V1;

/// <summary>
/// Feedback to the reporter of a signal or hand-over about what happened to it. Status only, never case
/// details: reporters such as schools are owed to know their report was picked up, not the story.
/// </summary>
[SentBy(AnyPartner = true, Hub = true)]
public sealed record Terugkoppeling : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the reporter's signal, report or hand-over.</summary>
    [NoPersonalData]
    public required Guid ReportMessageId { get; init; }

    [NoPersonalData]
    public required TerugkoppelingStatus Status { get; init; }
}

public enum TerugkoppelingStatus
{
    /// <summary>Taken into intake.</summary>
    PickedUp = 1,

    /// <summary>Handed over to another organisation.</summary>
    HandedOver = 2,

    /// <summary>A regisseur has been assigned.</summary>
    RegieAssigned = 3,

    Closed = 4,
}
