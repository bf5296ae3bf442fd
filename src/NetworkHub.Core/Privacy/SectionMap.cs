using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// How a contract type classifies its properties, read once per type by reflection, so minimisation works for every
/// contract without knowing any of them: content in a [Section], references marked [NoPersonalData], records whose own
/// properties are classified, and whatever is none of these, which no recipient ever sees.
/// </summary>
internal sealed class SectionMap
{
    private static readonly ConcurrentDictionary<Type, SectionMap> Cache = new();

    private SectionMap(IReadOnlyList<SectionProperty> sections, IReadOnlyList<PropertyInfo> nested, IReadOnlyList<PropertyInfo> leefgebieden, IReadOnlyList<PropertyInfo> unclassified)
    {
        Sections = sections;
        Nested = nested;
        Leefgebieden = leefgebieden;
        Unclassified = unclassified;
    }

    /// <summary>Properties marked with a section.</summary>
    public IReadOnlyList<SectionProperty> Sections { get; }

    /// <summary>Unmarked properties holding records (or lists of them) whose own properties are classified.</summary>
    public IReadOnlyList<PropertyInfo> Nested { get; }

    /// <summary>Properties holding life domains, which can signal a safety concern.</summary>
    public IReadOnlyList<PropertyInfo> Leefgebieden { get; }

    /// <summary>Properties nobody classified: withheld from every recipient (deny by default), and a gap the hub refuses to start with.</summary>
    public IReadOnlyList<PropertyInfo> Unclassified { get; }

    public static SectionMap For(Type type) => Cache.GetOrAdd(type, Build);

    /// <summary>
    /// Whether the message signals safety concerns: it names the life domain Veiligheid, or a yes/no
    /// flag in a safety section is set. A filled-in safety assessment alone is no signal: it may
    /// well conclude that the child is safe.
    /// </summary>
    public static bool SignalsSafetyConcern(object? root)
    {
        var found = false;
        Walk(root, (obj, map) =>
        {
            found |= map.Sections.Any(s => s.Kind == SectionKind.Safety && s.Property.GetValue(obj) is true)
                || map.Leefgebieden.Any(p => p.GetValue(obj) switch
                {
                    Leefgebied single => single == Leefgebied.Veiligheid,
                    IEnumerable<Leefgebied> many => many.Contains(Leefgebied.Veiligheid),
                    _ => false,
                });
        });
        return found;
    }

    /// <summary>Visits every contract object reachable from <paramref name="root"/> once, parents before children.</summary>
    public static void Walk(object? root, Action<object, SectionMap> visit) =>
        Walk(root, visit, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? node, Action<object, SectionMap> visit, HashSet<object> seen)
    {
        if (node is null || node is string || node.GetType().IsValueType || !seen.Add(node))
        {
            return;
        }

        if (node is IEnumerable items)
        {
            foreach (var item in items)
            {
                Walk(item, visit, seen);
            }

            return;
        }

        if (!IsContractType(node.GetType()))
        {
            return;
        }

        var map = For(node.GetType());
        visit(node, map);

        // Read after the visit: a visit may have withheld a whole subtree.
        foreach (var property in map.Nested)
        {
            Walk(property.GetValue(node), visit, seen);
        }

        foreach (var section in map.Sections)
        {
            Walk(section.Property.GetValue(node), visit, seen);
        }
    }

    /// <summary>The record type a property holds, itself or as the items of a list; null for values, text and framework types.</summary>
    public static Type? RecordTypeOf(Type type)
    {
        var item = type == typeof(string) ? type
            : type.IsArray ? type.GetElementType()!
            : (IsEnumerableOfT(type) ? type : type.GetInterfaces().FirstOrDefault(IsEnumerableOfT))?.GetGenericArguments()[0] ?? type;
        return item.IsClass && item != typeof(string) && IsContractType(item) ? item : null;
    }

    private static bool IsEnumerableOfT(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>);

    // Framework types hold no sections; only our own records are walked.
    private static bool IsContractType(Type type) =>
        !type.IsPrimitive && type.Assembly != typeof(object).Assembly && !(type.Namespace?.StartsWith("System", StringComparison.Ordinal) ?? false);

    private static SectionMap Build(Type type)
    {
        var sections = new List<SectionProperty>();
        var nested = new List<PropertyInfo>();
        var leefgebieden = new List<PropertyInfo>();
        var unclassified = new List<PropertyInfo>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var propertyType = property.PropertyType;
            if (propertyType == typeof(Leefgebied) || propertyType == typeof(Leefgebied?) || typeof(IEnumerable<Leefgebied>).IsAssignableFrom(propertyType))
            {
                leefgebieden.Add(property); // in a section or not: the concern is read from the sender's message
            }

            if (property.GetCustomAttribute<SectionAttribute>() is { } section)
            {
                sections.Add(new SectionProperty(RequireWithholdable(type, property), section.Kind));
            }
            else if (property.GetCustomAttribute<NoPersonalDataAttribute>() is null)
            {
                (RecordTypeOf(propertyType) is null ? unclassified : nested).Add(RequireWithholdable(type, property));
            }
        }

        return new SectionMap(sections, nested, leefgebieden, unclassified);
    }

    private static PropertyInfo RequireWithholdable(Type type, PropertyInfo property) => property.SetMethod is not null ? property
        : throw new InvalidOperationException($"{type.Name}.{property.Name} may have to be withheld but cannot be: it has no setter or init.");

    /// <summary>Removes the content: null where the type allows it, the default value otherwise.</summary>
    public static void Withhold(object owner, PropertyInfo property)
    {
        var type = property.PropertyType;
        property.SetValue(owner, type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null);
    }
}

internal sealed record SectionProperty(PropertyInfo Property, SectionKind Kind)
{
    public void Withhold(object owner) => SectionMap.Withhold(owner, Property);
}
