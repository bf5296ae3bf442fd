using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Specs.Contracts;

/// <summary>
/// Renders docs/contracts.md from the contracts' own XML documentation and from
/// <see cref="ContractExamples"/>, so the page cannot drift from the wire.
/// </summary>
public static partial class ContractsDoc
{
    private static readonly Assembly Contracts = typeof(HubMessage).Assembly;
    private static readonly NullabilityInfoContext Nullability = new();

    public static string Render()
    {
        var docs = XmlDocs.Load(Contracts);
        var md = new StringBuilder();

        md.Append("""
            # Contracts

            <!-- Generated from tests/NetworkHub.Specs/Contracts/ContractExamples.cs and the contracts' XML
                 documentation. Do not edit by hand: regenerate with
                 UPDATE_DOCS=1 dotnet test tests/NetworkHub.Specs --filter Contracts_doc -->

            Every message through the hub is a record in `NetworkHub.Contracts.V1`, deriving from
            `HubMessage`. Dutch terms of art keep their Dutch names (see [the glossary](glossary.md)); the
            rest is English. Refusals use the codes in `ReturnCodes`.

            ## Wire identity and versioning

            A contract is identified on the wire by its namespace and type name: `NetworkHub.Contracts.V1.Signaal`,
            which MassTransit writes as `urn:message:NetworkHub.Contracts.V1:Signaal`. So:

            - A published type is never moved or renamed.
            - Compatible changes stay in V1: a new optional property, a new enum member (with a new number).
            - Anything else — removing or renaming a property, changing its type or meaning, making it
              required — is a new type in `NetworkHub.Contracts.V2`; the hub accepts both until no partner
              sends V1.
            - Enum numbers and return-code ids are never reused.

            JSON uses camelCase property names, enums by name, dates as `yyyy-MM-dd`, times in ISO 8601 with
            their UTC offset. Properties marked `[Section]` carry sensitive content: the hub drops them for a
            recipient not entitled to that kind of content, and replaces the BSN by a per-recipient pseudonym
            for a recipient not entitled to it. Every other property is marked `[NoPersonalData]` (a reference,
            code, date or a professional's working name) or holds records classified the same way; the hub
            refuses to start with a property that is neither, and would give it to no recipient.

            Each contract says who may send it (`[SentBy]`): organisation types, any partner, or the hub only.
            A partner that sends a contract it may not is returned `NH006` (`MessageTypeNotAllowed`) and the
            message reaches nobody.

            Who may send what follows the roles in the network:

            - The hub alone raises matches, reminders, escalations of stuck hand-overs, overdue alerts, regie
              conflicts and missing regie, and asks for deletion after a withdrawal.
            - Acknowledgements and returns come from any recipient answering, and from the hub (its returns,
              and its acknowledgement of what it takes on itself). Terugkoppeling comes from any partner (a
              wijkteam telling the school) and from the hub (its automatic feedback); a hand-over goes back
              from its receiver, or from the hub when first contact did not happen in time.
            - Regie claims, MDO invitations, minutes and cancellations and case closures come from an
              organisation that can hold regie: a wijkteam, a GI (the gezinsvoogd, for a child under an
              order) or a procesmanager (who takes over stuck cases).
            - De-escalation and answers to an escalation come from where escalations go: Veilig Thuis, the
              Raad, a GI, a procesmanager, specialist youth care and the wijkteam.
            - Everything else comes from any partner: signals, hand-overs (schools, huisartsen and the JGZ
              hand over to the wijkteam too), escalations (any professional may report to Veilig Thuis),
              consent events and the other answers.

            ## Common metadata

            Every contract carries these properties.

            | Property | Type | Required | Meaning |
            |---|---|---|---|

            """);

        foreach (var property in PropertiesOf(typeof(HubMessage)))
        {
            md.Append(CultureInvariant($"| `{JsonName(property)}` | {TypeName(property)} | {(IsRequired(property) ? "yes" : "no")} | {docs.Summary(property)} |\n"));
        }

        foreach (var family in ContractExamples.Families)
        {
            md.Append(CultureInvariant($"\n## {family.Name}\n"));
            foreach (var example in family.Examples)
            {
                var type = example.GetType();
                md.Append(CultureInvariant($"\n### {type.Name}\n\n"));
                md.Append(CultureInvariant($"`{type.FullName}` — {FirstSentence(docs.Summary(type))}\n"));
                md.Append(CultureInvariant($"\nSent by: {SentBy(ContractCatalogue.SendersOf(type))}.\n"));

                var sections = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Select(p => (Property: p, Section: p.GetCustomAttribute<SectionAttribute>()))
                    .Where(p => p.Section is not null)
                    .Select(p => $"`{JsonName(p.Property)}` ({p.Section!.Kind})")
                    .ToList();
                if (sections.Count > 0)
                {
                    md.Append(CultureInvariant($"\nSensitive sections: {string.Join(", ", sections)}.\n"));
                }

                md.Append("\n```json\n");
                md.Append(JsonSerializer.Serialize(example, type, ContractJson.Indented));
                md.Append("\n```\n");
            }
        }

        md.Append("\n## Enumerations\n\n| Enumeration | Values |\n|---|---|\n");
        foreach (var enumType in Contracts.GetExportedTypes().Where(t => t.IsEnum).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var values = Enum.GetNames(enumType).Select(n => $"`{n}`");
            md.Append(CultureInvariant($"| `{enumType.Name}` | {string.Join(", ", values)} |\n"));
        }

        return md.ToString();
    }

    private static string SentBy(SentByAttribute? senders) => senders switch
    {
        null => "nobody (undeclared)",
        { HubOnly: true } => "the hub only",
        { AnyPartner: true } => "any partner" + (senders.Hub ? " and the hub" : ""),
        _ => string.Join(", ", senders.Partners.Order()) + (senders.Hub ? " and the hub" : ""),
    };

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static IEnumerable<PropertyInfo> PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken);

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static bool IsRequired(PropertyInfo property) => property.IsDefined(typeof(RequiredMemberAttribute));

    private static string TypeName(PropertyInfo property)
    {
        var info = Nullability.Create(property);
        return $"`{TypeName(property.PropertyType, info)}`";
    }

    private static string TypeName(Type type, NullabilityInfo info)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return SimpleName(underlying) + "?";
        }

        var nullable = info.ReadState == NullabilityState.Nullable ? "?" : "";

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return TypeName(type.GetGenericArguments()[0], info.GenericTypeArguments[0]) + "[]" + nullable;
        }

        return SimpleName(type) + nullable;
    }

    private static string SimpleName(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(Guid) => "uuid",
        _ when type == typeof(DateOnly) => "date",
        _ when type == typeof(DateTimeOffset) => "date-time",
        _ => type.Name,
    };

    /// <summary>The contract's purpose in one line: the first sentence of its summary.</summary>
    private static string FirstSentence(string summary)
    {
        var match = SentenceEnd().Match(summary);
        return match.Success ? summary[..(match.Index + 1)] : summary;
    }

    [GeneratedRegex(@"\.(?=\s+[A-Z]|$)")]
    private static partial Regex SentenceEnd();

    /// <summary>The XML documentation file the compiler writes beside the contracts assembly.</summary>
    private sealed partial class XmlDocs(IReadOnlyDictionary<string, XElement> members)
    {
        public static XmlDocs Load(Assembly assembly)
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            var members = XDocument.Load(path).Descendants("member")
                .ToDictionary(m => (string)m.Attribute("name")!, m => m);
            return new XmlDocs(members);
        }

        public string Summary(Type type) => Summary($"T:{type.FullName}");

        public string Summary(PropertyInfo property) => Summary($"P:{property.DeclaringType!.FullName}.{property.Name}");

        private string Summary(string member)
        {
            if (!members.TryGetValue(member, out var element) || element.Element("summary") is not { } summary)
            {
                return "";
            }

            var text = string.Concat(summary.Nodes().Select(node => node switch
            {
                XElement { Name.LocalName: "see" } see => $"`{ShortName((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "")}`",
                XElement element => element.Value,
                XText t => t.Value,
                _ => "",
            }));
            return Whitespace().Replace(text, " ").Trim();
        }

        private static string ShortName(string cref)
        {
            var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
            var parts = name.Split('.');
            // Members read best with their type ("HubMessage.CorrelationId"), types on their own.
            return cref.StartsWith("T:", StringComparison.Ordinal) ? parts[^1] : string.Join('.', parts[^2..]);
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();
    }
}
