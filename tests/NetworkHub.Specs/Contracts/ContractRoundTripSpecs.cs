using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Specs.Contracts;

public class ContractRoundTripSpecs
{
    /// <summary>Every message type a partner or the hub can put on the wire.</summary>
    public static IReadOnlyList<Type> ContractTypes { get; } = typeof(HubMessage).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(HubMessage)))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> Contracts => new(ContractTypes.Select(t => t.Name));

    [Fact]
    public void Every_contract_has_exactly_one_example()
    {
        var exampleTypes = ContractExamples.All.Select(e => e.GetType()).ToList();

        var missing = ContractTypes.Except(exampleTypes).Select(t => t.Name).ToList();
        var duplicated = exampleTypes.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key.Name).ToList();

        Assert.True(missing.Count == 0, $"Contracts without an example in ContractExamples: {string.Join(", ", missing)}");
        Assert.True(duplicated.Count == 0, $"Contracts with more than one example: {string.Join(", ", duplicated)}");
        Assert.Equal(ContractTypes.Count, exampleTypes.Count);
    }

    [Fact]
    public void Example_message_ids_are_unique()
    {
        var ids = ContractExamples.All.Select(e => e.MessageId).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_contract_survives_a_json_round_trip_unchanged(string contract)
    {
        var example = ExampleOf(contract);
        var json = JsonSerializer.Serialize(example, example.GetType(), ContractJson.Options);

        var read = JsonSerializer.Deserialize(json, example.GetType(), ContractJson.Options);

        // Records compare lists by reference, so compare what goes over the wire instead.
        Assert.IsType(example.GetType(), read);
        Assert.Equal(json, JsonSerializer.Serialize(read, example.GetType(), ContractJson.Options));
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_property_of_a_contract_goes_over_the_wire(string contract)
    {
        var example = ExampleOf(contract);
        var json = JsonSerializer.SerializeToNode(example, example.GetType(), ContractJson.Options)!.AsObject();

        var missing = example.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Where(name => !json.ContainsKey(name))
            .ToList();

        Assert.True(missing.Count == 0, $"{contract} properties not serialized: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void A_contract_missing_a_required_member_is_refused(string contract)
    {
        var example = ExampleOf(contract);
        var required = example.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(RequiredMemberAttribute)))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToList();
        Assert.Contains("messageId", required);

        var accepted = required.Where(name =>
        {
            var json = JsonSerializer.SerializeToNode(example, example.GetType(), ContractJson.Options)!.AsObject();
            json.Remove(name);
            try
            {
                JsonSerializer.Deserialize(json, example.GetType(), ContractJson.Options);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }).ToList();

        Assert.True(accepted.Count == 0, $"{contract} was read without its required: {string.Join(", ", accepted)}");
    }

    [Fact]
    public void A_safety_assessment_without_its_sources_is_refused()
    {
        var offer = ContractExamples.All.OfType<WarmeOverdrachtOffered>().Single();
        var json = JsonSerializer.SerializeToNode(offer, ContractJson.Options)!.AsObject();
        json["veiligheidsinschatting"]!.AsObject().Remove("sources");

        var error = Assert.Throws<JsonException>(() => json.Deserialize<WarmeOverdrachtOffered>(ContractJson.Options));

        Assert.Contains("sources", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_bsns_are_obviously_fake_yet_pass_the_eleven_test()
    {
        var bsns = ContractExamples.All
            .SelectMany(e => StringsNamed("bsn", JsonSerializer.SerializeToNode(e, e.GetType(), ContractJson.Options)))
            .Distinct()
            .ToList();

        Assert.NotEmpty(bsns);
        Assert.All(bsns, bsn =>
        {
            Assert.Matches("^99999[0-9]{4}$", bsn);
            var digits = bsn.Select(c => c - '0').ToArray();
            var sum = Enumerable.Range(0, 8).Sum(i => digits[i] * (9 - i)) - digits[8];
            Assert.Equal(0, sum % 11);
        });
    }

    private static HubMessage ExampleOf(string contract) =>
        ContractExamples.All.Single(e => e.GetType().Name == contract);

    private static IEnumerable<string> StringsNamed(string property, JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == property && p.Value is JsonValue v && v.TryGetValue(out string? s)
            ? [s]
            : StringsNamed(property, p.Value)),
        JsonArray a => a.SelectMany(n => StringsNamed(property, n)),
        _ => [],
    };
}
