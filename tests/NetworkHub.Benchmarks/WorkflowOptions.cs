namespace NetworkHub.Benchmarks;

/// <summary>
/// Settings of the <c>workflows</c> mode: <c>--handovers N --warmup N --concurrency N[,N…] --postgres true|false
/// --output path</c>.
/// </summary>
public sealed record WorkflowOptions
{
    /// <summary>Warm hand-overs driven through their whole lifecycle per scenario.</summary>
    public int HandOvers { get; init; } = 1_000;

    /// <summary>Hand-overs through the same path before measuring (JIT, connection pools, query plans).</summary>
    public int Warmup { get; init; } = 50;

    /// <summary>
    /// Hand-overs under way at once (each has one step in flight at a time); every level is measured in turn, so the
    /// report shows whether more hand-overs under way still raise throughput or only wait longer.
    /// </summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [32, 128];

    public bool Postgres { get; init; } = true;

    /// <summary>Where the markdown report goes; null for docs/benchmarks-workflows.md in the repository.</summary>
    public string? Output { get; init; }

    public static WorkflowOptions Parse(IReadOnlyList<string> args)
    {
        var options = new WorkflowOptions();
        for (var reader = new OptionReader(args); reader.MoveNext();)
        {
            options = reader.Name switch
            {
                "--handovers" => options with { HandOvers = reader.Number() },
                "--warmup" => options with { Warmup = reader.Number() },
                "--concurrency" => options with { Concurrency = reader.Numbers() },
                "--postgres" => options with { Postgres = reader.Switch() },
                "--no-postgres" => options with { Postgres = false },
                "--output" => options with { Output = reader.Value() },
                _ => throw new ArgumentException($"Unknown argument '{reader.Name}'. Use workflows --handovers N, --warmup N, --concurrency N[,N…], --postgres [true|false], --no-postgres, --output PATH."),
            };
        }

        return options;
    }
}
