using System.Collections.Frozen;
using System.Reflection;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Contracts;

/// <summary>Every concrete message contract, by its stable name ("V1.Signaal").</summary>
public static class ContractCatalogue
{
    public static IReadOnlyList<Type> All { get; } = typeof(HubMessage).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(HubMessage).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    private static readonly FrozenDictionary<string, Type> ByName = All.ToFrozenDictionary(NameOf, StringComparer.Ordinal);

    public static string NameOf(Type contract) => contract.FullName!["NetworkHub.Contracts.".Length..];

    public static Type? Find(string name) => ByName.GetValueOrDefault(name);

    private static readonly FrozenDictionary<Type, SentByAttribute> Senders = All
        .Where(t => t.GetCustomAttribute<SentByAttribute>() is not null)
        .ToFrozenDictionary(t => t, t => t.GetCustomAttribute<SentByAttribute>()!);

    /// <summary>Who may send the contract, as it declares; null when it declares nobody (a gap the hub refuses to start with).</summary>
    public static SentByAttribute? SendersOf(Type contract) => Senders.GetValueOrDefault(contract);

    /// <summary>Messages that settle another message and are therefore never acknowledged themselves.</summary>
    public static bool IsSettlement(HubMessage message) => message is Acknowledgement or ReturnMessage or DeletionConfirmed;
}
