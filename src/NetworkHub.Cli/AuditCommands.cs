using System.CommandLine;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Cli;

/// <summary>Access-log audits for operators and the privacy officer (functionaris gegevensbescherming).</summary>
internal static class AuditCommands
{
    public static Command Create(CliContext cli)
    {
        var verify = new Command("verify", """
            Check the access log's hash chain from its first row to its last: every row is sealed onto the hash of the one
            before it, so a row changed, removed or slipped in afterwards breaks the chain there. Shows a progress bar on a
            terminal (the log may hold millions of rows). Exit 0 when intact, 1 at the first broken row.
            """);
        verify.SetAction((_, ct) => VerifyAsync(cli, ct));

        var bsn = new Option<string>("--bsn") { Description = "The person's BSN (burgerservicenummer, the Dutch citizen service number)." };
        var reference = new Option<string>("--reference") { Description = "A sender's own reference for the person (e.g. a pupil number); with --sender." };
        var sender = new Option<string>("--sender") { Description = "The code of the organisation whose reference --reference is." };
        var by = new Option<string>("--by") { Description = "Your name: the audit is logged as yours.", Required = true, HelpName = "name" };
        var reason = new Option<string>("--reason")
        {
            Description = "Why you ask (logged; say why, not who: the log files the audit under the hub's key for the person).",
            Required = true,
            HelpName = "text",
        };
        var received = new Command("received", """
            Who received data about one person, when and why: every transfer the hub made or forwarded, with its contract,
            legal basis, purpose, consent and rule. Name the person by --bsn, or by a sender's own --reference with --sender.
            The audit itself is written to the access log with your name and reason (never the BSN). Needs the hub's
            pseudonym keys.
            """) { bsn, reference, sender, by, reason };
        received.Validators.Add(command =>
        {
            var (byBsn, byReference, bySender) = (command.GetResult(bsn) is not null, command.GetResult(reference) is not null, command.GetResult(sender) is not null);
            if (!(byBsn && !byReference && !bySender) && !(!byBsn && byReference && bySender))
            {
                command.AddError("Name the person by --bsn <bsn>, or by --reference <reference> with --sender <organisation>.");
            }
        });
        received.SetAction((parsed, ct) => ReceivedAsync(cli,
            parsed.GetValue(bsn) is { } number ? AuditSubject.ByBsn(number) : AuditSubject.ByReference(parsed.GetRequiredValue(reference), parsed.GetRequiredValue(sender)),
            new AuditAsker(parsed.GetRequiredValue(by), HubTopology.HubOrganisation, "operator tool", parsed.GetRequiredValue(reason)),
            ct));

        return new Command("audit", "Audits of the access log: the hash-chained record of every disclosure the hub made, for whom and on what basis.")
        {
            verify,
            received,
        };
    }

    private static async Task<int> VerifyAsync(CliContext cli, CancellationToken ct)
    {
        await using var db = cli.OpenDatabase();
        var store = new AccessLogStore(db);
        var result = await cli.WithProgressAsync("Verifying the access log",
            report => store.VerifyAsync(ct, progress: p => report(p.RowsChecked, p.RowsTotal)));
        if (!result.Intact)
        {
            cli.Error($"Access log BROKEN at row {result.FirstBrokenSequence} ({result.Problem}); {result.RowsChecked} rows checked.");
            return ExitCodes.ChainBroken;
        }

        cli.Success($"Access log intact: {result.RowsChecked} rows checked.");
        return ExitCodes.Ok;
    }

    /// <summary>A BSN identifies the person for every sender; a sender's own reference only with that sender.</summary>
    private static async Task<int> ReceivedAsync(CliContext cli, AuditSubject subject, AuditAsker asker, CancellationToken ct)
    {
        await using var db = cli.OpenDatabase();
        if (await cli.KeysAsync(db, ct) is not { } pseudonymizer)
        {
            return ExitCodes.KeysMissing;
        }

        IReadOnlyList<DisclosureRow> rows;
        try
        {
            // The operations team audits from a shell: every organisation's disclosures.
            rows = await new DisclosureAudit(db, pseudonymizer, cli.Clock).ReceivedAsync(subject, asker, organisation: null, ct);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        cli.Line($"{rows.Count} transfer(s):");
        if (rows.Count > 0)
        {
            cli.Table(["At (UTC)", "Transfer", "Contract", "Event", "Legal basis", "Purpose", "Consent", "Rule", "Message"], rows.Select(row => new[]
            {
                $"{row.At:yyyy-MM-dd HH:mm:ss}", $"{row.Sender} -> {row.Recipient}", row.Contract, row.Event.ToString(), row.Basis?.ToString(),
                row.Purpose?.ToString(), row.ConsentReference, row.RuleId, row.MessageId?.ToString(),
            }));
        }

        return ExitCodes.Ok;
    }
}
