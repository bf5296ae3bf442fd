using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Steering;
using NetworkHub.Core.Time;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Cli;

/// <summary>
/// Tracing warm hand-overs: every hand-over that originated at an organisation in a period, and everything recorded
/// under a partner's reference for a child. Each query is written to the access log with the operator's name and reason.
/// </summary>
internal static class HandOverCommands
{
    public static Command Create(CliContext cli)
    {
        var origin = new Option<string>("--origin") { Description = "The code of the organisation where the cases started (e.g. veilig-thuis-ijsselland).", Required = true, HelpName = "code" };
        var from = Date("--from", "The first day (yyyy-MM-dd, Dutch local time) on which a hand-over was offered.");
        var until = Date("--until", "The last day (yyyy-MM-dd), included.");
        var state = CliOptions.Enum<HandOverState>("--state", "Only hand-overs in this state now.", lowerCase: true);
        var format = new Option<string>("--format") { Description = "table (default) or csv.", HelpName = "table|csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var (by, reason) = Who();
        var list = new Command("list", """
            Every warm hand-over that originated at an organisation between two dates (by the day it was offered), with who
            sent it to whom, its state now and its age. Origin is where the case started, which may not be the sender (a
            wijkteam passing on a case Veilig Thuis handed down). Shows organisation codes, ids and states, never anything
            about the family. The query is written to the access log with your name and reason.
            """) { origin, from, until, state, format, by, reason };
        list.Validators.Add(command =>
        {
            if (command.GetValue(from) > command.GetValue(until))
            {
                command.AddError("--from must not be after --until.");
            }
        });
        list.SetAction((parsed, ct) => ListAsync(cli,
            new HandOverQuery(parsed.GetRequiredValue(origin), parsed.GetValue(from), parsed.GetValue(until), parsed.GetResult(state) is null ? null : parsed.GetValue(state)),
            Requester(parsed.GetRequiredValue(by), parsed.GetRequiredValue(reason)), parsed.GetValue(format) == "csv", ct));

        var reference = new Argument<string>("reference") { Description = "The sender's own reference for the child (e.g. a case number); with --sender." };
        var sender = new Option<string>("--sender") { Description = "The code of the organisation whose reference it is.", Required = true, HelpName = "code" };
        var (caseBy, caseReason) = Who();
        var history = new Command("case", """
            Everything the hub recorded under one organisation's reference for a child: its signals, matches, regie, warm
            hand-overs and their steps, and every message about the child with its answer. The reference is turned into the
            hub's key for the child (as audit received does) and shown only masked. Needs the hub's pseudonym keys. The query
            is written to the access log with your name and reason, under the child's key.
            """) { reference, sender, caseBy, caseReason };
        history.SetAction((parsed, ct) => CaseAsync(cli, parsed.GetRequiredValue(reference), parsed.GetRequiredValue(sender),
            Requester(parsed.GetRequiredValue(caseBy), parsed.GetRequiredValue(caseReason)), ct));

        return new Command("handovers", "Trace warm hand-overs by origin and period, or a case by a partner's reference.") { list, history };
    }

    /// <summary>The working-day calendar of the hub's configuration: which days are Dutch days, and where they start.</summary>
    public static WorkingDayCalendar Calendar(CliContext cli) =>
        new(cli.Settings.GetSection(CalendarOptions.SectionName).Get<CalendarOptions>() ?? new CalendarOptions());

    private static async Task<int> ListAsync(CliContext cli, HandOverQuery query, TraceRequester who, bool csv, CancellationToken ct)
    {
        await using var db = cli.OpenDatabase();
        var result = await new HandOverTrace(db, Calendar(cli), cli.Clock).ListAsync(query, who, ct);
        var rows = result.HandOvers.Select(h => new[]
        {
            h.Id.ToString(), h.Origin, h.Sender, h.Receiver, h.State.ToString(), $"{h.OfferedAt:yyyy-MM-dd HH:mm}", $"{h.LastStepAt:yyyy-MM-dd HH:mm}",
            Days(h.Age),
        }).ToList();
        string[] columns = ["Hand-over", "Origin", "Sender", "Receiver", "State", "Offered (UTC)", "Last step (UTC)", "Age (days)"];
        if (csv)
        {
            cli.Raw("hand_over,origin,sender,receiver,state,offered_utc,last_step_utc,age_days\n");
            foreach (var row in rows)
            {
                cli.Raw(string.Join(',', row) + "\n");
            }
        }
        else
        {
            cli.Line($"{result.HandOvers.Count} hand-over(s) originating at {query.Origin} offered {query.From:yyyy-MM-dd} to {query.Until:yyyy-MM-dd}:");
            if (rows.Count > 0)
            {
                cli.Table(columns, rows);
            }
        }

        if (result.Truncated)
        {
            cli.Error($"Only the first {HandOverTrace.MaxLines} are listed; narrow the period.");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> CaseAsync(CliContext cli, string reference, string sender, TraceRequester who, CancellationToken ct)
    {
        await using var db = cli.OpenDatabase();
        if (await cli.KeysAsync(db, ct) is not { } pseudonymizer)
        {
            return ExitCodes.KeysMissing;
        }

        var keys = pseudonymizer.SubjectKeyCandidates(new SubjectReference { Role = SubjectRole.Child, SenderReference = reference }, sender);
        if (keys.Count == 0)
        {
            throw new UsageException("Give the reference as the sender knows the child.");
        }

        var history = await new HandOverTrace(db, Calendar(cli), cli.Clock).CaseAsync(reference, sender, keys, who, ct);
        cli.Line($"{history.Events.Count} event(s) under {sender}'s reference {history.MaskedReference}:");
        if (history.Events.Count > 0)
        {
            cli.Table(["At (UTC)", "What", "From", "To", "State", "Id"], history.Events.Select(e => new[]
            {
                $"{e.At:yyyy-MM-dd HH:mm:ss}", e.What, e.From, e.To, e.State, e.Reference?.ToString(),
            }));
        }

        return ExitCodes.Ok;
    }

    private static TraceRequester Requester(string name, string reason) => new(name, HubTopology.HubOrganisation, "operator tool", reason);

    private static (Option<string> By, Option<string> Reason) Who() =>
    (
        new Option<string>("--by") { Description = "Your name, written to the access log with the query.", Required = true, HelpName = "name" },
        new Option<string>("--reason") { Description = "Why you ask (e.g. a question from the municipality); written to the access log. No personal data.", Required = true, HelpName = "text" }
    );

    private static Option<DateOnly> Date(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        HelpName = "yyyy-MM-dd",
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"{name} takes a date as yyyy-MM-dd, not '{token}'.");
            return default;
        },
    };

    private static string Days(TimeSpan age) => age.TotalDays.ToString("0.0", CultureInfo.InvariantCulture);
}
