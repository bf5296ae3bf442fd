using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Routing;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Cli;

/// <summary>What operators look at and act on from a shell: alerts, quarantined input, consent withdrawals. Never prints message bodies.</summary>
public static class OperatorCommands
{
    public const string Usage = """
          networkhub alerts list [--state open|acknowledged|resolved] [--organisation <code>] [--max <n>]
          networkhub alerts ack <id> --by <name> [--note <text>]      someone picked the alert up
          networkhub alerts resolve <id> --by <name> [--note <text>]
          networkhub quarantine list [--max <n>]                     input kept and returned, newest first
          networkhub outbox parked [--max <n>]                       messages no broker took in OutboxParkAfter sweeps
          networkhub outbox retry <id> | all | --destination <code>   once the cause is fixed: the next sweep sends them
          networkhub consent withdraw <consent-id> --recorded-by <organisation> --by <name> --reason <text>
                                                                     withdraw a consent for its recorder, logged with your name and reason
        """;

    public static async Task<int?> RunAsync(string[] words, IConfiguration settings, HubOptions options, HubDbContext db, TimeProvider clock, TextWriter output, CancellationToken ct)
    {
        var desk = new AlertDesk(db, clock);
        var max = int.TryParse(settings["max"], out var n) && n > 0 ? n : 100;
        switch (words)
        {
            case ["alerts", "list"]:
                AlertState? state = Enum.TryParse<AlertState>(settings["state"], ignoreCase: true, out var parsed) ? parsed : settings["state"] is null ? AlertState.Open : null;
                if (state is null)
                {
                    return null;
                }

                var alerts = await desk.ListAsync(state, settings["organisation"], max, ct);
                await output.WriteLineAsync($"{alerts.Count} {state.ToString()!.ToLowerInvariant()} alert(s):");
                foreach (var alert in alerts)
                {
                    await output.WriteLineAsync(Line(alert));
                }

                return AuditCommands.Ok;
            case ["alerts", "ack" or "resolve", var idText] when long.TryParse(idText, out var id) && settings["by"] is { Length: > 0 } by:
                var actor = new AlertActor(by, HubTopology.HubOrganisation, "operator tool");
                var changed = words[1] == "ack"
                    ? await desk.AcknowledgeAsync(id, actor, settings["note"], ct)
                    : await desk.ResolveAsync(id, actor, settings["note"], ct);
                await output.WriteLineAsync(changed is null ? $"No alert {id}." : Line(changed));
                return changed is null ? AuditCommands.UsageError : AuditCommands.Ok;
            case ["quarantine", "list"]:
                var rows = await db.Quarantine.AsNoTracking().OrderByDescending(q => q.Id).Take(max)
                    .Select(q => new { q.Id, q.ReceivedAt, q.Sender, q.Contract, q.MessageId, q.Code, q.Reason }).ToListAsync(ct);
                await output.WriteLineAsync($"{rows.Count} quarantined message(s), newest first:");
                foreach (var row in rows)
                {
                    await output.WriteLineAsync(
                        $"#{row.Id}  {row.ReceivedAt:yyyy-MM-dd HH:mm:ss}Z  from {row.Sender ?? "(unknown)"}  {row.Contract ?? "(unreadable)"}  " +
                        $"{ReturnCodes.Describe(row.Code).Id} {row.Code}  message {row.MessageId?.ToString() ?? "-"}  {row.Reason}");
                }

                return AuditCommands.Ok;
            case ["outbox", "parked"]:
                var parked = await new ParkedOutbox(db, options.OutboxParkAfter).ListAsync(max, ct);
                await output.WriteLineAsync($"{parked.Count} parked message(s):");
                foreach (var row in parked)
                {
                    await output.WriteLineAsync($"#{row.Id}  {row.CreatedAt:yyyy-MM-dd HH:mm:ss}Z  to {row.Destination}  {row.Contract}  message {row.MessageId}  {row.Attempts} attempts");
                }

                return AuditCommands.Ok;
            case ["outbox", "retry", ..] when Release(words, settings) is var (id, destination):
                var released = await new ParkedOutbox(db, options.OutboxParkAfter).ReleaseAsync(id, destination, ct);
                await output.WriteLineAsync($"{released} parked message(s) released; the hub's next outbox sweep sends them. Resolve their OutboxParked alerts once they arrived.");
                return released == 0 && id is not null ? AuditCommands.UsageError : AuditCommands.Ok;
            case ["consent", "withdraw", var consentId] when settings["recorded-by"] is { Length: > 0 } recorder
                                                            && settings["by"] is { Length: > 0 } name && settings["reason"] is { Length: > 0 } reason:
                return await WithdrawConsentAsync(db, clock, recorder, consentId, name, reason, output, ct);
            default:
                return null;
        }
    }

    /// <summary>Which parked rows <c>outbox retry</c> releases: one id, every one (<c>all</c>) or one destination's; null when the words say none of these.</summary>
    private static (long? Id, string? Destination)? Release(string[] words, IConfiguration settings) => words switch
    {
        [_, _, "all"] => (null, null),
        [_, _, var idText] when long.TryParse(idText, out var id) => (id, null),
        [_, _] when settings["destination"] is { Length: > 0 } destination => (null, destination),
        _ => null,
    };

    private static async Task<int> WithdrawConsentAsync(HubDbContext db, TimeProvider clock, string recorder, string consentId, string name, string reason,
        TextWriter output, CancellationToken ct)
    {
        var (outcome, recipients) = await new OperatorConsentWithdrawal(db, clock).WithdrawAsync(recorder, consentId, name, reason, ct);
        if (outcome.IsUnknown)
        {
            await output.WriteLineAsync($"{recorder} recorded no consent '{consentId}'.");
            return AuditCommands.UsageError;
        }

        if (!outcome.Succeeded)
        {
            await output.WriteLineAsync("Not withdrawn: " + string.Join("; ", outcome.Errors.Select(e => $"{e.Code}: {e.Message}")));
            return AuditCommands.UsageError;
        }

        foreach (var record in outcome.Withdrawn)
        {
            await output.WriteLineAsync($"Withdrawn: consent {record.Id} for {record.Purpose} ({record.Scope}), logged as yours with the reason.");
        }

        await output.WriteLineAsync(recipients.Count == 0
            ? "Nobody received data under it."
            : $"Received data under it, to be asked to delete it: {string.Join(", ", recipients)}.");
        return AuditCommands.Ok;
    }

    private static string Line(AlertRecord alert) =>
        $"#{alert.Id}  {alert.RaisedAt:yyyy-MM-dd HH:mm:ss}Z  {alert.State,-12}  {alert.Kind}  [{alert.Organisations}]  {alert.Summary}" +
        (alert.AcknowledgedBy is { } by ? $"  picked up by {by}" : "") +
        (alert.ResolvedBy is { } resolver ? $"  resolved by {resolver}" : "") +
        (alert.Note is { } note ? $"  note: {note}" : "");
}
