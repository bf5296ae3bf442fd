using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// Whether every contract says who may send it and what each of its properties is (a data section, or no personal
/// data), and which contracts carry references alone. Read from the contracts themselves, so a new contract or
/// property cannot slip past minimisation unnoticed: the hub refuses to start with a gap, and a spec walks the catalogue.
/// </summary>
public static class ContractClassification
{
    /// <summary>What is missing, one line per gap; empty when every contract is fully declared.</summary>
    public static IReadOnlyList<string> Gaps(IEnumerable<Type> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var gaps = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var contract in contracts)
        {
            if (ContractCatalogue.SendersOf(contract) is null)
            {
                gaps.Add($"{contract.Name} does not declare who may send it ([SentBy]).");
            }

            gaps.AddRange(UnclassifiedWithin(contract, seen));
        }

        return gaps;
    }

    /// <summary>Stops the hub from starting while a contract has a gap: what is unclassified would reach nobody, silently.</summary>
    public static void EnsureComplete()
    {
        var gaps = Gaps(ContractCatalogue.All);
        if (gaps.Count > 0)
        {
            throw new InvalidOperationException("The contracts are not fully declared: " + string.Join(" ", gaps));
        }
    }

    /// <summary>
    /// Contracts whose own properties are references alone (no data section anywhere in them), so coordination
    /// without a legal basis may carry them: acknowledgements, returns, answers and status. Subject references are
    /// no exception to minimisation: without the identification section they are reduced to a pseudonym and references.
    /// </summary>
    public static IReadOnlySet<Type> CarryingReferencesAlone(IEnumerable<Type> contracts) =>
        contracts.Where(c => ReferencesAlone(c, declaredOnly: true)).ToHashSet();

    private static bool ReferencesAlone(Type type, bool declaredOnly)
    {
        var map = SectionMap.For(type);
        bool Own(System.Reflection.PropertyInfo p) => !declaredOnly || p.DeclaringType == type;
        return !map.Sections.Any(s => Own(s.Property))
            && !map.Unclassified.Any(Own)
            && map.Nested.Where(Own).Select(p => SectionMap.RecordTypeOf(p.PropertyType)!)
                .All(record => record == typeof(SubjectReference) || ReferencesAlone(record, declaredOnly: false));
    }

    private static IEnumerable<string> UnclassifiedWithin(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            yield break;
        }

        var map = SectionMap.For(type);
        foreach (var property in map.Unclassified)
        {
            yield return $"{type.Name}.{property.Name} is in no section and not marked [NoPersonalData].";
        }

        var records = map.Nested.Concat(map.Sections.Select(s => s.Property))
            .Select(p => SectionMap.RecordTypeOf(p.PropertyType))
            .OfType<Type>();
        foreach (var record in records)
        {
            foreach (var gap in UnclassifiedWithin(record, seen))
            {
                yield return gap;
            }
        }
    }
}
