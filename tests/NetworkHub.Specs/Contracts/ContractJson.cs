using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace NetworkHub.Specs.Contracts;

/// <summary>
/// The JSON shape of the contracts: web defaults (camelCase), enums by name. Non-ASCII letters stay
/// readable (Dutch free text is full of them); HTML-sensitive characters are still escaped.
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same shape, indented, as shown in docs/contracts.md.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
