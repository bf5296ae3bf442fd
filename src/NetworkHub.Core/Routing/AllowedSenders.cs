using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Routing;

/// <summary>Whether a partner may send a contract at all, as the contract declares it (<see cref="SentByAttribute"/>).</summary>
public static class AllowedSenders
{
    /// <summary>Why a partner of <paramref name="senderType"/> may not send <paramref name="contract"/>; null when it may.</summary>
    public static string? Refusal(Type contract, OrganisationType senderType)
    {
        var senders = ContractCatalogue.SendersOf(contract);
        return senders switch
        {
            null => $"{contract.Name} declares no senders; nobody may send it.",
            { HubOnly: true } => $"Only the hub originates a {contract.Name}; a partner may not send one.",
            _ when senders.Allows(senderType) => null,
            _ => $"A {contract.Name} may be sent by {string.Join(", ", senders.Partners.Order())}{(senders.Hub ? " and the hub" : "")}; the sender is a {senderType}.",
        };
    }
}
