using static NetworkHub.Contracts.V1.OrganisationType;

namespace NetworkHub.Contracts.V1;

/// <summary>The regisseur cancels an MDO; invitees are told and their reminders stop.</summary>
[SentBy(Wijkteam, GecertificeerdeInstelling, Procesmanager)]
public sealed record MdoCancelled : HubMessage
{
    public required Guid MdoId { get; init; }

    public required string Reason { get; init; }
}
