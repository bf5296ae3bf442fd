using System.CommandLine;
using System.Globalization;
using NetworkHub.Core.Steering;

namespace NetworkHub.Cli;

/// <summary>Sturingsinformatie: process figures per partner and month, from the ledger, aggregates only.</summary>
internal static class SteeringCommands
{
    public static Command Create(CliContext cli)
    {
        var month = Month("--month", "One month (yyyy-MM, Dutch local time).");
        var year = new Option<int?>("--year") { Description = "A whole year (yyyy): a row per month and organisation.", HelpName = "yyyy" };
        var organisation = new Option<string>("--organisation") { Description = "Only this organisation's row (its code).", HelpName = "code" };
        var export = new Command("export", """
            Per organisation and month: hand-offs sent and received, acknowledged in time or late, returned (by code), still
            waiting, overdue; median and 90th percentile (nearest rank) of the hours to acknowledgement and, for warm
            hand-overs received, from the offer to first contact; how many of its signals asked for terugkoppeling and heard
            back; escalations opened and received, and answered by their date. Computed from the hub's ledger; counts
            only, never anything about a family. Writes CSV (docs/cli.md lists the columns) to standard output: redirect it to
            a file. Shows a progress bar on a terminal.
            """) { month, year, organisation };
        export.Validators.Add(command =>
        {
            if ((command.GetResult(month) is null) == (command.GetResult(year) is null))
            {
                command.AddError("Give --month yyyy-MM or --year yyyy.");
            }
        });
        export.SetAction(async (parsed, ct) =>
        {
            var (first, months) = parsed.GetValue(year) is { } y ? (new DateOnly(y, 1, 1), 12) : (parsed.GetValue(month), 1);
            await using var db = cli.OpenDatabase();
            var report = new SteeringReport(db, HandOverCommands.Calendar(cli));
            var rows = await cli.WithProgressAsync($"Sturingsinformatie {first:yyyy-MM}" + (months > 1 ? $" to {first.AddMonths(months - 1):yyyy-MM}" : ""),
                tick => report.ComputeAsync(first, months, parsed.GetValue(organisation), p => tick(p.Done, p.Total), ct));
            using var csv = new StringWriter(CultureInfo.InvariantCulture);
            await SteeringCsv.WriteAsync(csv, rows);
            cli.Raw(csv.ToString());
            return ExitCodes.Ok;
        });

        return new Command("steering", "Sturingsinformatie: how the network's processes run, per partner and month.") { export };
    }

    private static Option<DateOnly> Month(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM",
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value;
            if (LocalPeriods.TryParseMonth(token, out var first))
            {
                return first;
            }

            result.AddError($"{name} takes a month as yyyy-MM, not '{token}'.");
            return default;
        },
    };
}
