namespace NetworkHub.Contracts.V1;

/// <summary>An invitee answers an <see cref="MdoUitnodiging"/>: comes, does not, or sends someone else.</summary>
[SentBy(AnyPartner = true)]
public sealed record MdoAnswer : HubMessage
{
    [NoPersonalData]
    public required Guid MdoId { get; init; }

    [NoPersonalData]
    public required MdoResponse Response { get; init; }

    /// <summary>Who attends instead (a professional of the same organisation), when <see cref="Response"/> is <see cref="MdoResponse.Delegate"/>.</summary>
    [NoPersonalData]
    public string? DelegateName { get; init; }

    /// <summary>Which of the proposed times suit this invitee.</summary>
    [NoPersonalData]
    public IReadOnlyList<DateTimeOffset> AvailableAt { get; init; } = [];
}

public enum MdoResponse
{
    Accept = 1,
    Decline = 2,

    /// <summary>Someone else from the same organisation attends.</summary>
    Delegate = 3,
}
