using System.Globalization;

namespace NetworkHub.Benchmarks;

/// <summary>Command-line settings: <c>--messages N --warmup N --concurrency N --postgres true|false --output path</c>.</summary>
public sealed record BenchmarkOptions
{
    public int Messages { get; init; } = 5_000;
    public int Warmup { get; init; } = 500;

    /// <summary>Sends in flight from the producer (each waits for its broker confirm).</summary>
    public int Concurrency { get; init; } = 32;

    public int PayloadBytes { get; init; } = 1024;
    public bool Postgres { get; init; } = true;

    /// <summary>Where the markdown report goes; null for docs/benchmarks.md in the repository.</summary>
    public string? Output { get; init; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture) is var n and > 0 ? n : throw new ArgumentException($"{args[i]} must be positive.");

            options = args[i] switch
            {
                "--messages" => options with { Messages = Number() },
                "--warmup" => options with { Warmup = Number() },
                "--concurrency" => options with { Concurrency = Number() },
                "--payload" => options with { PayloadBytes = Number() },
                "--postgres" when i + 1 < args.Count && bool.TryParse(args[i + 1], out var on) => Skip(options with { Postgres = on }, ref i),
                "--postgres" => options with { Postgres = true },
                "--no-postgres" => options with { Postgres = false },
                "--output" => options with { Output = Value() },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use --messages N, --warmup N, --concurrency N, --payload BYTES, --postgres [true|false], --no-postgres, --output PATH."),
            };
        }

        return options;
    }

    private static BenchmarkOptions Skip(BenchmarkOptions options, ref int i)
    {
        i++;
        return options;
    }
}
