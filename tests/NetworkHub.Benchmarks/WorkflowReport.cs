using System.Globalization;
using System.Text;

namespace NetworkHub.Benchmarks;

/// <summary>The markdown page <c>docs/benchmarks-workflows.md</c> for the <c>workflows</c> mode.</summary>
public static class WorkflowReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Markdown(WorkflowOptions options, IReadOnlyList<string> args, WorkflowMeasurement measurement, TimeSpan duration)
    {
        var results = measurement.Results;
        var runs = results.Select(r => r.Result).ToList();
        var levels = string.Join(" and then ", options.Concurrency);
        var steps = WorkflowScenario.Steps;
        var md = new StringBuilder();
        md.AppendLine("# Workflow benchmark: warm hand-overs");
        md.AppendLine();
        md.AppendLine("How many workflow state transitions per second the hub carries on RabbitMQ, next to raw `RabbitMQ.Client`");
        md.AppendLine("moving the same number of messages in the same shape, measured in one run on one private broker node. Written");
        md.AppendLine("by the harness in `tests/NetworkHub.Benchmarks` (its `workflows` mode; not part of `dotnet test`).");
        md.AppendLine();
        md.AppendLine("## Command");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine("dotnet run -c Release --project tests/NetworkHub.Benchmarks -- workflows" + (args.Count > 0 ? " " + string.Join(' ', args) : string.Empty));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("Options: `--handovers N` (default 1000), `--warmup N` (50), `--concurrency N[,N…]` (hand-overs under way; each");
        md.AppendLine("level is measured in turn, default 32,128), `--postgres true|false` or `--no-postgres` (PostgreSQL runs by");
        md.AppendLine("default), `--output PATH`. The run exits with 1 when a step is returned, a hand-over gets stuck, or the hub's");
        md.AppendLine("database does not show every hand-over completed.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        BenchmarkReport.AppendMachine(md, measurement.Versions, duration);
        md.AppendLine();
        md.AppendLine("## Workload");
        md.AppendLine();
        md.AppendLine(Invariant, $"{options.HandOvers} warm hand-overs per scenario and level, measured after {options.Warmup} warm-up hand-overs through the");
        md.AppendLine(Invariant, $"same path, with {levels} hand-overs under way (one level after the other, on the same hub). Each");
        md.AppendLine(Invariant, $"hand-over is {steps.Count} transitions of the workflow in");
        md.AppendLine("[workflows.md](workflows.md), each sent when the previous one reached its recipient:");
        md.AppendLine();
        md.AppendLine("1. **offered**: Veilig Thuis sends `WarmeOverdrachtOffered` about a child to the wijkteam, with the family's");
        md.AppendLine("   consent (one `ConsentRecorded` per child, registered before the measurement), a safety assessment that");
        md.AppendLine("   spoke to the child, and bodemeisen;");
        md.AppendLine("2. **accepted**: when the offer reaches the wijkteam, it sends `WarmeOverdrachtAccepted` to Veilig Thuis;");
        md.AppendLine("3. **first contact confirmed**: when the acceptance reaches Veilig Thuis, the wijkteam sends `FirstContactConfirmed`;");
        md.AppendLine("4. **completed**: when that reaches Veilig Thuis, the wijkteam sends `WarmeOverdrachtCompleted`.");
        md.AppendLine();
        md.AppendLine("A transition is one step accepted by the hub and delivered to its recipient. Its latency runs from the start of");
        md.AppendLine("the send to the arrival at the recipient's `HubClient` handler; throughput is transitions divided by the time from");
        md.AppendLine("the first send to the last arrival. Percentiles are nearest-rank. With a fixed number of hand-overs under way,");
        md.AppendLine("throughput and latency are two views of one thing: transitions/s ≈ hand-overs under way ÷ mean step latency.");
        md.AppendLine();
        md.AppendLine(Invariant, $"- **raw RabbitMQ.Client**: the same number of messages ({runs[0].Messages}) of {measurement.StepBytes} bytes (the average JSON size of");
        md.AppendLine(Invariant, $"  one hand-over's steps), in chains of {steps.Count} with as many chains under way as hand-overs at each level: each");
        md.AppendLine("  message is sent when its chain's previous one reached the final consumer. Each crosses the broker twice as in the");
        md.AppendLine("  [end-to-end benchmark](benchmarks.md): persistent, publisher-confirmed, quorum queue A → relay (publishes to");
        md.AppendLine("  quorum queue B with confirms, then acks A) → final consumer.");
        md.AppendLine("- **hub**: the hub in-process (`HubApp`, production settings, its own virtual host and an empty database), the");
        md.AppendLine("  partners as `HubClient`s with their own broker users. Every step is checked and routed by the hub, and the");
        md.AppendLine("  recipient's client acknowledges it back through the hub, so the hub handles two messages per transition.");
        md.AppendLine("  After each scenario the run waits for every acknowledgement, then reads the hub's database: every hand-over");
        md.AppendLine("  must be `Completed`, every step's hand-off acknowledged, and no message returned or quarantined.");
        md.AppendLine();
        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine("| scenario | transitions/s | p50 ms | p95 ms | p99 ms | max ms | throughput vs raw at the same level |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var r = result.Result;
            md.AppendLine(Invariant, $"| {r.Scenario} | {r.MessagesPerSecond:0} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Max:0.0} | {BenchmarkReport.Ratio(r, results.RawFor(result))} |");
        }

        md.AppendLine();
        foreach (var r in runs)
        {
            md.AppendLine(Invariant, $"- {r.Scenario}: {r.Messages} transitions in {r.Elapsed.TotalSeconds:0.0} s; {r.Notes}.");
        }

        foreach (var (scenario, verified) in measurement.Verified)
        {
            md.AppendLine(Invariant, $"- {scenario}, checked at the end: {verified}.");
        }

        md.AppendLine();
        md.AppendLine("Latency per step, p50 / p95 ms (for the raw baseline, the messages at the same place in their chain):");
        md.AppendLine();
        md.AppendLine("| scenario | " + string.Join(" | ", steps) + " |");
        md.AppendLine("|---|" + string.Concat(steps.Select(_ => "---:|")));
        foreach (var result in results)
        {
            md.AppendLine(Invariant, $"| {result.Result.Scenario} | {string.Join(" | ", result.Steps.Select(s => $"{s.P50:0.0} / {s.P95:0.0}"))} |");
        }

        md.AppendLine();
        md.AppendLine("Throughput (transitions/s, longer is better):");
        md.AppendLine();
        md.AppendLine("```");
        md.Append(BenchmarkReport.Bars(runs, r => r.MessagesPerSecond, "0"));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("## What the hub does per transition");
        md.AppendLine();
        md.AppendLine("For each step, in one database transaction: the inbox look-up, the check against the hand-over's state (a step");
        md.AppendLine("out of order, for an unknown hand-over or from the wrong organisation is returned), the privacy decision and its");
        md.AppendLine("access-log row, the hand-off with its acknowledgement deadline, the hand-over's new state with its deadlines");
        md.AppendLine("(acceptance deadline on the offer, first-contact deadline on acceptance, earlier ones cancelled), and the outbox");
        md.AppendLine("row; then the confirmed send to the recipient (marking it sent follows in batches, off this path). The offer also carries the");
        md.AppendLine("content rules (safety assessment, bodemeisen) and a consent look-up for the child. The recipient's");
        md.AppendLine("acknowledgement then takes the same ingress: it settles the hand-off, cancels its deadline and is forwarded.");
        md.AppendLine();
        md.AppendLine("## Reading the numbers");
        md.AppendLine();
        foreach (var group in results.Where(r => r.Scenario != WorkflowResult.Raw).GroupBy(r => r.Scenario))
        {
            md.AppendLine(Invariant, $"**{group.Key}**");
            md.AppendLine();
            foreach (var result in group)
            {
                var r = result.Result;
                var raw = results.RawFor(result);
                md.AppendLine(Invariant, $"- {result.Concurrency} under way: {r.MessagesPerSecond:0} transitions/s ({2 * r.MessagesPerSecond:0} hub messages/s with the acknowledgements), " +
                    $"{BenchmarkReport.Ratio(r, raw)} of the raw baseline's {raw.MessagesPerSecond:0}. A step took {result.MeanLatency:0} ms on average, " +
                    $"so a hand-over from offer to completion about {steps.Count * result.MeanLatency / 1000:0.0} s. {StepSpread(result)}");
            }

            if (group.Count() > 1)
            {
                md.AppendLine(Invariant, $"- {Scaling(group.First(), group.Last())}");
            }

            md.AppendLine();
        }

        md.AppendLine("The raw baseline moves one message per transition and writes nothing; the hub moves two (the step and its");
        md.AppendLine("acknowledgement) and does the work above for each, on the same two cores as the broker, the partners and the");
        md.AppendLine("database. This run does not split the hub's time between database, policy and broker. SQLite admits one writer");
        md.AppendLine("at a time; PostgreSQL commits the hub's concurrent ingress handlers side by side. The end-to-end numbers for");
        md.AppendLine("single messages are in [benchmarks.md](benchmarks.md).");
        return md.ToString();
    }

    /// <summary>Whether one step stands out, from the steps' medians.</summary>
    private static string StepSpread(WorkflowResult result)
    {
        var medians = result.Steps.Select(s => s.P50).ToList();
        var slowest = medians.IndexOf(medians.Max());
        return medians.Max() <= 1.25 * medians.Min()
            ? string.Create(Invariant, $"No step stands out: the medians lie between {medians.Min():0} and {medians.Max():0} ms.")
            : string.Create(Invariant, $"The slowest step by median was *{WorkflowScenario.Steps[slowest]}* ({medians[slowest]:0} ms; the fastest {medians.Min():0} ms).");
    }

    /// <summary>What more hand-overs under way did to throughput and latency.</summary>
    private static string Scaling(WorkflowResult from, WorkflowResult to)
    {
        var gain = to.Result.MessagesPerSecond / from.Result.MessagesPerSecond;
        var change = string.Create(Invariant,
            $"From {from.Concurrency} to {to.Concurrency} under way, throughput went from {from.Result.MessagesPerSecond:0} to {to.Result.MessagesPerSecond:0} transitions/s (×{gain:0.00}) and the median step latency from {from.Result.P50:0} to {to.Result.P50:0} ms");
        return gain switch
        {
            < 1.15 => change + $": the hub was already saturated at {from.Concurrency}, so more hand-overs under way only wait longer in its queues.",
            < 1.5 => change + $": the hub was close to saturation at {from.Concurrency}; more hand-overs under way bought a little throughput and mostly waiting.",
            _ => change + $": at {from.Concurrency} under way the hub was not saturated, so that level's throughput is set by its latency, not by its capacity.",
        };
    }
}
