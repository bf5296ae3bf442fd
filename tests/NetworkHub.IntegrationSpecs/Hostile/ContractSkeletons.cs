using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>
/// Every contract as JSON with every property filled, built by walking the contract's properties with reflection,
/// and the places in it where a null does not belong: each property that may not be null (a string, a list or a
/// record the contract requires) and the inside of each list, down through nested records and list items. A new
/// contract or property is covered without anyone writing a case for it.
/// </summary>
public static class ContractSkeletons
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The properties every contract inherits from <see cref="HubMessage"/> are walked on <see cref="Signaal"/> only:
    /// the hub reads and checks them the same way whatever the contract.
    /// </summary>
    private static readonly Type InheritedOn = typeof(Signaal);

    /// <summary>A filled-in message of <paramref name="contract"/> from the school to the wijkteam, dated by <paramref name="clock"/>.</summary>
    public static JsonObject For(Type contract, TimeProvider clock)
    {
        var json = Record(contract, clock);
        json["senderOrganisation"] = School;
        json["recipients"] = new JsonArray(Wijkteam);
        return json;
    }

    /// <summary>Where a null may not go, for every contract in <see cref="ContractCatalogue.All"/>.</summary>
    public static IReadOnlyList<NullPlacement> NullPlacements { get; } =
    [
        .. ContractCatalogue.All.SelectMany(contract => Walk(contract, [],
            contract.GetProperties(BindingFlags.Public | BindingFlags.Instance | (contract == InheritedOn ? 0 : BindingFlags.DeclaredOnly)))),
    ];

    private static IEnumerable<NullPlacement> Walk(Type owner, IReadOnlyList<object> path, IEnumerable<PropertyInfo> properties)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in properties.Where(p => p.SetMethod is not null))
        {
            var here = (IReadOnlyList<object>)[.. path, Name(property)];
            var type = property.PropertyType;
            if (!type.IsValueType && nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                yield return new NullPlacement(owner, here, InsideList: false);
            }

            if (ItemOf(type) is { } item)
            {
                yield return new NullPlacement(owner, [.. here, 1], InsideList: true); // after the one item the skeleton holds
                if (IsContractRecord(item))
                {
                    foreach (var nested in Walk(owner, [.. here, 0], item.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
                    {
                        yield return nested;
                    }
                }
            }
            else if (IsContractRecord(Nullable.GetUnderlyingType(type) ?? type))
            {
                foreach (var nested in Walk(owner, here, type.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
                {
                    yield return nested;
                }
            }
        }
    }

    private static JsonObject Record(Type type, TimeProvider clock)
    {
        var json = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            json[Name(property)] = Value(property.PropertyType, clock);
        }

        return json;
    }

    private static JsonNode? Value(Type type, TimeProvider clock)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "voorbeeld";
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            return clock.GetUtcNow().AddSeconds(-1);
        }

        if (type == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        }

        if (type.IsEnum)
        {
            return JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(0), type, Json);
        }

        if (ItemOf(type) is { } item)
        {
            return new JsonArray(Value(item, clock));
        }

        if (IsContractRecord(type))
        {
            return Record(type, clock);
        }

        throw new NotSupportedException($"No sample value for {type}; teach {nameof(ContractSkeletons)} one.");
    }

    private static Type? ItemOf(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetGenericArguments().Single();

    private static bool IsContractRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("NetworkHub.Contracts", StringComparison.Ordinal) == true;

    private static string Name(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}

/// <summary>A null where <see cref="Contract"/> does not allow one: in place of the value at <see cref="Path"/>, or added to a list there.</summary>
/// <param name="Path">Property names and list indices from the message down.</param>
public sealed record NullPlacement(Type Contract, IReadOnlyList<object> Path, bool InsideList)
{
    /// <summary>The path as the hub names it in its reason: <c>sharing[0].description</c>.</summary>
    public string JsonPath => string.Concat(Path.Select((step, i) => step is int index ? $"[{index}]" : i == 0 ? (string)step : "." + step));

    public string Describe() => InsideList
        ? $"{Article(Contract)} {Contract.Name} whose {JsonPath[..JsonPath.LastIndexOf('[')]} holds a null"
        : $"{Article(Contract)} {Contract.Name} whose {JsonPath} is null";

    /// <summary>"a" or "an", as the contract's name is spoken.</summary>
    public static string Article(Type contract) => "AEIOU".Contains(contract.Name[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>Puts the null into <paramref name="message"/>.</summary>
    public void Apply(JsonObject message)
    {
        JsonNode parent = message;
        foreach (var step in Path.SkipLast(1))
        {
            parent = step is int index ? parent[index]! : parent[(string)step]!;
        }

        switch (Path[^1])
        {
            case int when parent is JsonArray list:
                list.Add(null);
                break;
            case string property:
                parent[property] = null;
                break;
        }
    }
}
