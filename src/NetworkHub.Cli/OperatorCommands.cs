using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;

namespace NetworkHub.Cli;

/// <summary>What operators look at and act on from a shell: alerts, quarantined input, the outbox, consent withdrawals. Never prints message bodies.</summary>
internal static class OperatorCommands
{
    public static Command Alerts(CliContext cli)
    {
        var state = CliOptions.Enum<AlertState>("--state", "Which alerts: open (nobody picked them up yet, the default), acknowledged or resolved.",
            AlertState.Open, lowerCase: true);
        var organisation = new Option<string>("--organisation") { Description = "Only alerts about this organisation (its code).", HelpName = "code" };
        var max = CliOptions.Max("alerts");
        var list = new Command("list", "The alerts, oldest first: overdue acknowledgements, escalations, unroutable or parked messages, dead letters.")
        {
            state, organisation, max,
        };
        list.SetAction(async (parsed, ct) =>
        {
            var wanted = parsed.GetValue(state);
            await using var db = cli.OpenDatabase();
            var alerts = await new AlertDesk(db, cli.Clock).ListAsync(wanted, parsed.GetValue(organisation), parsed.GetValue(max), ct);
            cli.Line($"{alerts.Count} {wanted.ToString().ToLowerInvariant()} alert(s):");
            if (alerts.Count > 0)
            {
                cli.Table(["Id", "Raised (UTC)", "State", "Kind", "Organisations", "Summary", "Picked up by", "Resolved by", "Note"], alerts.Select(a => new[]
                {
                    $"#{a.Id}", $"{a.RaisedAt:yyyy-MM-dd HH:mm:ss}", a.State.ToString(), a.Kind.ToString(), a.Organisations, a.Summary,
                    a.AcknowledgedBy, a.ResolvedBy, a.Note,
                }));
            }

            return ExitCodes.Ok;
        });

        return new Command("alerts", "Operator alerts: what the hub raised for a person to look at. An alert stays open until someone picks it up (ack) and resolves it.")
        {
            list,
            Change(cli, "ack", "Record that you picked the alert up (it is no longer open); a resolved alert stays resolved.",
                (desk, id, by, note, ct) => desk.AcknowledgeAsync(id, by, note, ct)),
            Change(cli, "resolve", "Resolve the alert, with your name and, best, a note on what was done.",
                (desk, id, by, note, ct) => desk.ResolveAsync(id, by, note, ct)),
        };
    }

    private static Command Change(CliContext cli, string name, string description,
        Func<AlertDesk, long, AlertActor, string?, CancellationToken, Task<AlertRecord?>> change)
    {
        var id = CliOptions.Id("alert", "alerts list");
        var by = new Option<string>("--by") { Description = "Your name, recorded with the alert.", Required = true, HelpName = "name" };
        var note = new Option<string>("--note") { Description = "What was done or found, recorded with the alert (no personal data).", HelpName = "text" };
        var command = new Command(name, description) { id, by, note };
        command.SetAction(async (parsed, ct) =>
        {
            await using var db = cli.OpenDatabase();
            var alertId = parsed.GetValue(id);
            // The operations team acts from a shell; the access log names the person and the tool.
            var actor = new AlertActor(parsed.GetRequiredValue(by), HubTopology.HubOrganisation, "operator tool");
            if (await change(new AlertDesk(db, cli.Clock), alertId, actor, parsed.GetValue(note), ct) is not { } changed)
            {
                cli.Error($"No alert {alertId}.");
                return ExitCodes.UsageError;
            }

            cli.Line(Line(changed));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Quarantine(CliContext cli)
    {
        var max = CliOptions.Max("messages");
        var list = new Command("list", "Input the hub kept and returned to its sender, newest first, with its return code and reason (never the body).") { max };
        list.SetAction(async (parsed, ct) =>
        {
            await using var db = cli.OpenDatabase();
            var rows = await db.Quarantine.AsNoTracking().OrderByDescending(q => q.Id).Take(parsed.GetValue(max))
                .Select(q => new { q.Id, q.ReceivedAt, q.Sender, q.Contract, q.MessageId, q.Code, q.Reason }).ToListAsync(ct);
            cli.Line($"{rows.Count} quarantined message(s), newest first:");
            if (rows.Count > 0)
            {
                cli.Table(["Id", "Received (UTC)", "From", "Contract", "Code", "Message", "Reason"], rows.Select(row => new[]
                {
                    $"#{row.Id}", $"{row.ReceivedAt:yyyy-MM-dd HH:mm:ss}", row.Sender ?? "(unknown)", row.Contract ?? "(unreadable)",
                    $"{ReturnCodes.Describe(row.Code).Id} {row.Code}", row.MessageId?.ToString(), row.Reason,
                }));
            }

            return ExitCodes.Ok;
        });
        return new Command("quarantine", "Quarantine: input the hub could not take (unreadable, not allowed, too large, ...), kept byte for byte, and its replay.")
        {
            list, QuarantineReplayCommand.Create(cli),
        };
    }

    public static Command Outbox(CliContext cli)
    {
        var max = CliOptions.Max("messages");
        var parked = new Command("parked", "Messages no broker took in NetworkHub:OutboxParkAfter sweeps, parked with an OutboxParked alert.") { max };
        parked.SetAction(async (parsed, ct) =>
        {
            await using var db = cli.OpenDatabase();
            var rows = await new ParkedOutbox(db, cli.Options.OutboxParkAfter).ListAsync(parsed.GetValue(max), ct);
            cli.Line($"{rows.Count} parked message(s):");
            if (rows.Count > 0)
            {
                cli.Table(["Id", "Created (UTC)", "To", "Contract", "Message", "Attempts"], rows.Select(row => new[]
                {
                    $"#{row.Id}", $"{row.CreatedAt:yyyy-MM-dd HH:mm:ss}", row.Destination, row.Contract, row.MessageId.ToString(), row.Attempts.ToString(),
                }));
            }

            return ExitCodes.Ok;
        });

        var which = new Argument<string?>("id|all")
        {
            Description = "A parked message's number (as outbox parked shows it), or all.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var destination = new Option<string>("--destination") { Description = "Every parked message to this organisation (its code) or queue.", HelpName = "code" };
        var retry = new Command("retry", """
            Once the cause is fixed (a partner's queue provisioned again, a broker policy changed): release parked messages,
            so the hub's next outbox sweep sends them. Give one id, all, or --destination.
            """) { which, destination };
        retry.Validators.Add(command =>
        {
            var target = command.GetValue(which);
            if ((target is null) == (command.GetResult(destination) is null))
            {
                command.AddError("Give one parked message's id, all, or --destination <code>.");
            }
            else if (target is not null && target != "all" && !long.TryParse(target.TrimStart('#'), out _))
            {
                command.AddError($"'{target}' is neither a parked message's id nor all.");
            }
        });
        retry.SetAction(async (parsed, ct) =>
        {
            var target = parsed.GetValue(which);
            long? id = target is null or "all" ? null : long.Parse(target.TrimStart('#'));
            await using var db = cli.OpenDatabase();
            var released = await new ParkedOutbox(db, cli.Options.OutboxParkAfter).ReleaseAsync(id, parsed.GetValue(destination), ct);
            if (released == 0 && id is not null)
            {
                cli.Error($"No parked message {id}.");
                return ExitCodes.UsageError;
            }

            cli.Line($"{released} parked message(s) released; the hub's next outbox sweep sends them. Resolve their OutboxParked alerts once they arrived.");
            return ExitCodes.Ok;
        });

        return new Command("outbox", "The outbox: messages the hub recorded for sending. Rows no broker took are parked for an operator.") { parked, retry };
    }

    public static Command Consent(CliContext cli)
    {
        var consentId = new Argument<string>("consent-id") { Description = "The consent's id, as its recorder registered it (e.g. toestemming-0042)." };
        var recorder = new Option<string>("--recorded-by") { Description = "The organisation (its code) that recorded the consent.", Required = true, HelpName = "code" };
        var by = new Option<string>("--by") { Description = "Your name: the withdrawal is logged as yours.", Required = true, HelpName = "name" };
        var reason = new Option<string>("--reason") { Description = "Why, as told (e.g. the parents withdrew it at the municipality); logged.", Required = true, HelpName = "text" };
        var withdraw = new Command("withdraw", """
            Withdraw a consent (toestemming) on behalf of the organisation that recorded it, when the person withdrew it
            elsewhere. Logged with your name and reason; whoever received data under it is asked to delete it.
            """) { consentId, recorder, by, reason };
        withdraw.SetAction((parsed, ct) => WithdrawAsync(cli, parsed.GetRequiredValue(recorder), parsed.GetRequiredValue(consentId),
            parsed.GetRequiredValue(by), parsed.GetRequiredValue(reason), ct));
        return new Command("consent", "Consents (toestemming) in the hub's consent register.") { withdraw };
    }

    private static async Task<int> WithdrawAsync(CliContext cli, string recorder, string consentId, string name, string reason, CancellationToken ct)
    {
        await using var db = cli.OpenDatabase();
        var (outcome, recipients) = await new OperatorConsentWithdrawal(db, cli.Clock).WithdrawAsync(recorder, consentId, name, reason, ct);
        if (outcome.IsUnknown)
        {
            cli.Error($"{recorder} recorded no consent '{consentId}'.");
            return ExitCodes.UsageError;
        }

        if (!outcome.Succeeded)
        {
            cli.Error("Not withdrawn: " + string.Join("; ", outcome.Errors.Select(e => $"{e.Code}: {e.Message}")));
            return ExitCodes.UsageError;
        }

        foreach (var record in outcome.Withdrawn)
        {
            cli.Line($"Withdrawn: consent {record.Id} for {record.Purpose} ({record.Scope}), logged as yours with the reason.");
        }

        cli.Line(recipients.Count == 0
            ? "Nobody received data under it."
            : $"Received data under it, to be asked to delete it: {string.Join(", ", recipients)}.");
        return ExitCodes.Ok;
    }

    private static string Line(AlertRecord alert) =>
        $"#{alert.Id}  {alert.RaisedAt:yyyy-MM-dd HH:mm:ss}Z  {alert.State,-12}  {alert.Kind}  [{alert.Organisations}]  {alert.Summary}" +
        (alert.AcknowledgedBy is { } by ? $"  picked up by {by}" : "") +
        (alert.ResolvedBy is { } resolver ? $"  resolved by {resolver}" : "") +
        (alert.Note is { } note ? $"  note: {note}" : "");
}
