namespace NetworkHub.Benchmarks;

/// <summary>Command-line settings: <c>--messages N --warmup N --concurrency N --postgres true|false --telemetry true|false --consoles N --output path</c>.</summary>
public sealed record BenchmarkOptions
{
    public int Messages { get; init; } = 5_000;
    public int Warmup { get; init; } = 500;

    /// <summary>Sends in flight from the producer (each waits for its broker confirm).</summary>
    public int Concurrency { get; init; } = 32;

    public int PayloadBytes { get; init; } = 1024;
    public bool Postgres { get; init; } = true;

    /// <summary>How many pupils the signals are about, in turn; 1 (every signal about one child) is the reference workload.</summary>
    public int Pupils { get; init; } = 1;

    /// <summary>The hub exports its traces, metrics and logs over OTLP to a receiver on loopback (<see cref="DummyOtlpReceiver"/>).</summary>
    public bool Telemetry { get; init; }

    /// <summary>Live consoles signed in and watching while the hub runs (<see cref="ConsoleBenchmark"/>'s consoles, in a process of their own).</summary>
    public int Consoles { get; init; }

    /// <summary>Where the markdown report goes; null for docs/benchmarks.md in the repository.</summary>
    public string? Output { get; init; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var reader = new OptionReader(args); reader.MoveNext();)
        {
            options = reader.Name switch
            {
                "--messages" => options with { Messages = reader.Number() },
                "--warmup" => options with { Warmup = reader.Number() },
                "--concurrency" => options with { Concurrency = reader.Number() },
                "--payload" => options with { PayloadBytes = reader.Number() },
                "--pupils" => options with { Pupils = reader.Number() },
                "--postgres" => options with { Postgres = reader.Switch() },
                "--no-postgres" => options with { Postgres = false },
                "--telemetry" => options with { Telemetry = reader.Switch() },
                "--consoles" => options with { Consoles = reader.Number() },
                "--output" => options with { Output = reader.Value() },
                _ => throw new ArgumentException($"Unknown argument '{reader.Name}'. Use --messages N, --warmup N, --concurrency N, --payload BYTES, --pupils N, --postgres [true|false], --no-postgres, --telemetry [true|false], --consoles N, --output PATH."),
            };
        }

        return options;
    }
}
