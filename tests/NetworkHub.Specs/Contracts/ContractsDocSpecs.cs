namespace NetworkHub.Specs.Contracts;

public class ContractsDocSpecs
{
    [Fact]
    public void Contracts_doc_shows_the_current_example_of_every_contract()
    {
        var expected = ContractsDoc.Render();
        var path = Path.Combine(RepositoryRoot(), "docs", "contracts.md");

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(expected == actual,
            $"docs/contracts.md is out of date (first difference at line {FirstDifferentLine(expected, actual)}); " +
            "regenerate it with UPDATE_DOCS=1 dotnet test tests/NetworkHub.Specs --filter Contracts_doc");
    }

    [Fact]
    public void Contracts_doc_has_a_section_for_every_contract()
    {
        var doc = ContractsDoc.Render();

        Assert.All(ContractRoundTripSpecs.ContractTypes, type => Assert.Contains($"\n### {type.Name}\n", doc, StringComparison.Ordinal));
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        return line + 1;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetworkHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No NetworkHub.sln above {AppContext.BaseDirectory}.");
    }
}
