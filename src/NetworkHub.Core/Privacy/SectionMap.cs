using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// Where the [Section]-marked content sits in a contract type, read once per type by reflection, so
/// minimisation works for every contract without knowing any of them.
/// </summary>
internal sealed class SectionMap
{
    private static readonly ConcurrentDictionary<Type, SectionMap> Cache = new();

    private SectionMap(IReadOnlyList<SectionProperty> sections, IReadOnlyList<PropertyInfo> nested, IReadOnlyList<PropertyInfo> leefgebieden)
    {
        Sections = sections;
        Nested = nested;
        Leefgebieden = leefgebieden;
    }

    /// <summary>Properties marked with a section.</summary>
    public IReadOnlyList<SectionProperty> Sections { get; }

    /// <summary>Unmarked properties that may hold objects with sections of their own.</summary>
    public IReadOnlyList<PropertyInfo> Nested { get; }

    /// <summary>Properties holding life domains, which can signal a safety concern.</summary>
    public IReadOnlyList<PropertyInfo> Leefgebieden { get; }

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

    // Framework types hold no sections; only our own records are walked.
    private static bool IsContractType(Type type) =>
        !type.IsPrimitive && type.Assembly != typeof(object).Assembly && !(type.Namespace?.StartsWith("System", StringComparison.Ordinal) ?? false);

    private static SectionMap Build(Type type)
    {
        var sections = new List<SectionProperty>();
        var nested = new List<PropertyInfo>();
        var leefgebieden = new List<PropertyInfo>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            if (property.GetCustomAttribute<SectionAttribute>() is { } section)
            {
                if (property.SetMethod is null)
                {
                    throw new InvalidOperationException($"{type.Name}.{property.Name} is marked as section {section.Kind} but cannot be withheld: it has no setter or init.");
                }

                sections.Add(new SectionProperty(property, section.Kind));
                continue;
            }

            var propertyType = property.PropertyType;
            if (propertyType == typeof(Leefgebied) || propertyType == typeof(Leefgebied?) || typeof(IEnumerable<Leefgebied>).IsAssignableFrom(propertyType))
            {
                leefgebieden.Add(property);
            }
            else if (!propertyType.IsValueType && propertyType != typeof(string))
            {
                nested.Add(property);
            }
        }

        return new SectionMap(sections, nested, leefgebieden);
    }
}

internal sealed record SectionProperty(PropertyInfo Property, SectionKind Kind)
{
    /// <summary>Removes the content: null where the type allows it, the default value otherwise.</summary>
    public void Withhold(object owner)
    {
        var type = Property.PropertyType;
        Property.SetValue(owner, type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null);
    }
}
