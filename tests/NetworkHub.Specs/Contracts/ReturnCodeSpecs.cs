using System.Text.RegularExpressions;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Specs.Contracts;

public class ReturnCodeSpecs
{
    public static TheoryData<ReturnCode> Codes => new(Enum.GetValues<ReturnCode>());

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_return_code_has_exactly_one_documented_entry(ReturnCode code)
    {
        var entry = Assert.Single(ReturnCodes.All, c => c.Code == code);

        Assert.Matches(new Regex("^NH[0-9]{3}$"), entry.Id);
        Assert.False(string.IsNullOrWhiteSpace(entry.Dutch));
        Assert.False(string.IsNullOrWhiteSpace(entry.English));
        Assert.True(Enum.IsDefined(entry.Class), $"{code} has no class");
        Assert.Same(entry, ReturnCodes.Describe(code));
    }

    [Fact]
    public void Return_code_ids_are_unique()
    {
        var duplicated = ReturnCodes.All.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(duplicated.Count == 0, $"Return code ids used more than once: {string.Join(", ", duplicated)}");
    }

    [Fact]
    public void The_documented_list_names_no_undefined_code()
    {
        Assert.All(ReturnCodes.All, c => Assert.True(Enum.IsDefined(c.Code), $"{c.Id} documents undefined code {(int)c.Code}"));
    }
}
