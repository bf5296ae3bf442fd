namespace NetworkHub.Benchmarks;

/// <summary>
/// Settings of the <c>flood</c> mode: <c>--signals N --interval-ms N --flood N --window N --returns N --warmup N
/// --postgres true|false --output path</c>.
/// </summary>
public sealed record FloodOptions
{
    /// <summary>Signals the school sends per measurement, one every <see cref="IntervalMs"/>.</summary>
    public int Signals { get; init; } = 200;

    /// <summary>The school's pace: well below what the hub handles, so its own signals never queue behind each other.</summary>
    public int IntervalMs { get; init; } = 20;

    /// <summary>Poison messages the flooding partner publishes as fast as the broker confirms them.</summary>
    public int Flood { get; init; } = 1_000;

    /// <summary>The flooder's publishes in flight (each waits for its broker confirm).</summary>
    public int Window { get; init; } = 64;

    /// <summary>Poison messages sent at the school's pace, without a flood, to time the typed return alone.</summary>
    public int Returns { get; init; } = 100;

    /// <summary>Signals and poison messages through the same paths before measuring.</summary>
    public int Warmup { get; init; } = 50;

    public bool Postgres { get; init; } = true;

    /// <summary>Where the markdown report goes; null for docs/benchmarks-flood.md in the repository.</summary>
    public string? Output { get; init; }

    public TimeSpan Interval => TimeSpan.FromMilliseconds(IntervalMs);

    public static FloodOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FloodOptions();
        for (var reader = new OptionReader(args); reader.MoveNext();)
        {
            options = reader.Name switch
            {
                "--signals" => options with { Signals = reader.Number() },
                "--interval-ms" => options with { IntervalMs = reader.Number() },
                "--flood" => options with { Flood = reader.Number() },
                "--window" => options with { Window = reader.Number() },
                "--returns" => options with { Returns = reader.Number() },
                "--warmup" => options with { Warmup = reader.Number() },
                "--postgres" => options with { Postgres = reader.Switch() },
                "--no-postgres" => options with { Postgres = false },
                "--output" => options with { Output = reader.Value() },
                _ => throw new ArgumentException($"Unknown argument '{reader.Name}'. Use flood {Usage}."),
            };
        }

        return options;
    }

    public const string Usage = "--signals N, --interval-ms N, --flood N, --window N, --returns N, --warmup N, --postgres [true|false], --no-postgres, --output PATH";
}
