namespace NetworkHub.Specs;

/// <summary>
/// Docs generated from code (contracts, return codes, the privacy table) are committed; a spec fails when the
/// committed file differs from what the code says. UPDATE_DOCS=1 rewrites the file instead.
/// </summary>
public static class GeneratedDocs
{
    public static void AssertCurrent(string relativePath, string expected)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(expected == actual,
            $"{relativePath} is out of date (first difference at line {FirstDifferentLine(expected, actual)}); " +
            "regenerate it with UPDATE_DOCS=1 dotnet test tests/NetworkHub.Specs");
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
