using System.Collections;
using System.Globalization;
using System.Reflection;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>One value of a message as a screen shows it: its path (Subject.Bsn, FamilyMembers[0].Bsn), the value as text, and whether it is personal data.</summary>
public sealed record MessageField(string Path, string? Value, bool Personal);

/// <summary>
/// A message as a list of fields, each classified by the contract's own declarations (the same ones minimisation reads,
/// see <see cref="ContractClassification"/>): whatever is in a data section, or is not classified at all, is personal
/// data. So are the references that point at one person (a sender's own reference for a child, a family reference, a
/// pseudonym): harmless to route by, but they identify someone to whoever holds the sender's files. Everything else is
/// a reference or a code, shown as it is.
/// </summary>
public static class MessageFields
{
    private static readonly HashSet<string> PersonReferences =
        [nameof(SubjectReference.SenderReference), nameof(SubjectReference.FamilyReference), nameof(SubjectReference.Pseudonym)];

    public static IReadOnlyList<MessageField> Of(HubMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fields = new List<MessageField>();
        Walk(message, "", personal: false, fields);
        return fields;
    }

    private static void Walk(object node, string prefix, bool personal, List<MessageField> into)
    {
        var type = node.GetType();
        var map = SectionMap.For(type);
        var sections = map.Sections.Select(s => s.Property).ToHashSet();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && p.Name != "EqualityContract")
                     .OrderBy(p => Depth(p.DeclaringType!))) // the header every message shares first
        {
            var path = prefix + property.Name;
            var isPersonal = personal || sections.Contains(property) || map.Unclassified.Contains(property)
                             || (type == typeof(SubjectReference) && PersonReferences.Contains(property.Name));
            var value = property.GetValue(node);
            if (value is not null && SectionMap.RecordTypeOf(property.PropertyType) is not null)
            {
                if (value is IEnumerable items)
                {
                    var index = 0;
                    foreach (var item in items)
                    {
                        Walk(item, $"{path}[{index++}].", isPersonal, into);
                    }
                }
                else
                {
                    Walk(value, path + ".", isPersonal, into);
                }

                continue;
            }

            into.Add(new MessageField(path, Text(value), isPersonal));
        }
    }

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Text)),
        _ => value.ToString(),
    };
}
