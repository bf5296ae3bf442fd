using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>The regisseur cancels an MDO; invitees are told and their reminders stop.</summary>
[SentBy(Wijkteam, GecertificeerdeInstelling, Procesmanager)]
public sealed record MdoCancelled : HubMessage
{
    [NoPersonalData]
    public required Guid MdoId { get; init; }

    /// <summary>Why, in a few words; never personal data.</summary>
    [NoPersonalData]
    public required string Reason { get; init; }
}
