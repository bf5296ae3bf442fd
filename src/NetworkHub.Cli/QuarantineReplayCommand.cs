using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Hosting;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;

namespace NetworkHub.Cli;

/// <summary>
/// <c>quarantine replay</c>: kept input selected by business keys, dry-run or replayed through the hub's own pipeline as its
/// sender, in paced batches. The tool records; the running hub's outbox sweeper sends what it recorded.
/// </summary>
internal static class QuarantineReplayCommand
{
    public static Command Create(CliContext cli)
    {
        var organisation = new Option<string>("--organisation") { Description = "Only input sent by this organisation (its code).", HelpName = "code" };
        var contract = new Option<string>("--contract") { Description = "Only input of this contract, as quarantine list shows it (e.g. V1.Signaal).", HelpName = "contract" };
        var code = new Option<ReturnCode?>("--code")
        {
            Description = "Only input kept with this return code: its id (NH021) or name (ProcessingFailed).",
            HelpName = "code",
            CustomParser = ParseCode,
        };
        var @case = new Option<Guid?>("--case") { Description = "Only input of this case (the message's correlation id).", HelpName = "id" };
        var from = Moment("--from", "Only input received at or after this moment (UTC unless an offset is given, e.g. 2026-11-23 or 2026-11-23T09:00).");
        var until = Moment("--until", "Only input received before this moment.");
        var max = CliOptions.Positive("--max", "Replay at most this many messages, oldest first (default 100).", 100);
        var dryRun = new Option<bool>("--dry-run") { Description = "Say per message what a replay would do (routed to whom, returned with which code); record and send nothing." };
        var batch = CliOptions.Positive("--batch", $"Messages per batch; progress is shown after each (default {ReplayPace.Default.BatchSize}, at most {ReplayPace.MaxBatchSize}).",
            ReplayPace.Default.BatchSize);
        var rate = new Option<double>("--rate")
        {
            Description = $"At most this many messages per second (default {ReplayPace.Default.PerSecond}).",
            HelpName = "per-second",
            DefaultValueFactory = _ => ReplayPace.Default.PerSecond,
            CustomParser = ParseRate,
        };
        var by = new Option<string>("--by") { Description = "Your name: the replay of each message is logged as yours.", Required = true, HelpName = "name" };
        var replay = new Command("replay", """
            Replay kept input through the hub's ingress pipeline again, as the organisation that sent it: the policy is
            checked afresh (consent may have changed) and a message is never delivered twice. Select by organisation,
            contract, code, case and time; entries replayed before are left out. Try --dry-run first. A message refused
            again is returned to its sender with its new code. The running hub sends what the replay recorded.
            """) { organisation, contract, code, @case, from, until, max, dryRun, batch, rate, by };
        replay.SetAction(async (parsed, ct) =>
        {
            var pace = new ReplayPace(parsed.GetValue(batch), parsed.GetValue(rate));
            if (pace.Problem is { } problem)
            {
                throw new UsageException(problem);
            }

            var selection = new QuarantineSelection
            {
                Organisation = parsed.GetValue(organisation), Contract = parsed.GetValue(contract), Code = parsed.GetValue(code), Case = parsed.GetValue(@case),
                From = parsed.GetValue(from), Until = parsed.GetValue(until), Max = parsed.GetValue(max),
            };
            var actor = new ReplayActor(parsed.GetRequiredValue(by), HubTopology.HubOrganisation, "operator tool");
            return await RunAsync(cli, selection, actor, parsed.GetValue(dryRun) ? null : pace, ct);
        });
        return replay;
    }

    /// <param name="pace">Null for a dry run.</param>
    private static async Task<int> RunAsync(CliContext cli, QuarantineSelection selection, ReplayActor actor, ReplayPace? pace, CancellationToken ct)
    {
        Pseudonymizer? keys;
        await using (var db = cli.OpenDatabase())
        {
            keys = await cli.KeysAsync(db, ct);
        }

        if (keys is null)
        {
            return ExitCodes.KeysMissing;
        }

        await using var services = Routing(cli, keys);
        await using var scope = services.CreateAsyncScope();
        await services.GetRequiredService<OrganisationRegistry>().ReloadAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), ct);
        var replay = scope.ServiceProvider.GetRequiredService<QuarantineReplay>();
        var preview = await replay.PreviewAsync(selection, ct);
        cli.Line($"{preview.Count} quarantined message(s) not replayed before match" + (preview.Count > selection.Max ? $"; the oldest {selection.Max} are taken." : "."));
        if (preview.Count == 0)
        {
            return ExitCodes.Ok;
        }

        IReadOnlyList<ReplayVerdict> verdicts;
        if (pace is null)
        {
            verdicts = await replay.DryRunAsync(selection, actor, ct);
            cli.Line("Dry run: nothing was recorded or sent. A replay would do this:");
        }
        else
        {
            verdicts = await cli.WithProgressAsync("Replaying quarantined messages", async report =>
            {
                var all = new List<ReplayVerdict>();
                await foreach (var progress in replay.ReplayAsync(selection, actor, pace, ct))
                {
                    all.AddRange(progress.Batch);
                    report(progress.Done, progress.Total);
                }

                return all;
            });
            cli.Line("Replayed; the running hub sends what was recorded at its next outbox sweep:");
        }

        cli.Table(["Id", "Message", "Contract", "From", "Outcome", "Code", "Routed to", "Reason"], verdicts.Select(v => new[]
        {
            $"#{v.EntryId}", v.MessageId?.ToString(), v.Contract ?? "(unreadable)", v.Sender ?? "(unknown)", v.Outcome.ToString(),
            v.Code is { } c ? $"{ReturnCodes.Describe(c).Id} {c}" : null, v.RoutedTo.Count == 0 ? null : string.Join(", ", v.RoutedTo), v.Reason,
        }));
        cli.Success(string.Join(", ", verdicts.GroupBy(v => v.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")) + ".");
        return ExitCodes.Ok;
    }

    /// <summary>The hub's routing services on its database, keys and configuration, without a broker: what is decided is recorded.</summary>
    private static ServiceProvider Routing(CliContext cli, Pseudonymizer keys)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(cli.Clock);
        services.AddSingleton(Options.Create(cli.Settings.GetSection(CalendarOptions.SectionName).Get<CalendarOptions>() ?? new CalendarOptions()));
        services.AddSingleton(Options.Create(cli.Settings.GetSection(DeadlineOptions.SectionName).Get<DeadlineOptions>() ?? new DeadlineOptions()));
        services.AddHubRouting(cli.Options, keys);
        return services.BuildServiceProvider();
    }

    private static ReturnCode? ParseCode(ArgumentResult result)
    {
        var token = result.Tokens.Single().Value;
        var found = ReturnCodes.All.FirstOrDefault(c => string.Equals(c.Id, token, StringComparison.OrdinalIgnoreCase)
                                                         || string.Equals(c.Code.ToString(), token, StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            result.AddError($"'{token}' is not a return code; give its id (NH001 to NH{ReturnCodes.All.Count:D3}) or name, as docs/return-codes.md lists them.");
        }

        return found?.Code;
    }

    private static double ParseRate(ArgumentResult result)
    {
        var token = result.Tokens.Single().Value;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && !double.IsInfinity(rate))
        {
            return rate;
        }

        result.AddError($"--rate takes a number of messages per second above 0 (e.g. 5 or 0.5), not '{token}'.");
        return 0;
    }

    private static Option<DateTimeOffset?> Moment(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "when",
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value;
            if (DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }

            result.AddError($"{name} takes a date or a date and time (e.g. 2026-11-23 or 2026-11-23T09:00), not '{token}'.");
            return null;
        },
    };
}
