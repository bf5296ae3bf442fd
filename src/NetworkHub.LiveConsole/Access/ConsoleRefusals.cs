using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// Refuses a console request the user's role or organisation does not allow, and writes it to the access log: who
/// asked, for which organisation, what and why it was refused. A refusal is never silent, also not to the auditor.
/// </summary>
public sealed class ConsoleRefusals(HubDbContext db, TimeProvider clock, ILogger<ConsoleRefusals> logger)
{
    /// <returns>The error to throw to the browser (its message reaches the user).</returns>
    public async Task<HubException> RefuseAsync(ConsoleUser user, string what, string why, CancellationToken ct)
    {
        await using (var tx = await db.Database.BeginWriteTransactionAsync(ct))
        {
            await new AccessLogStore(db).AppendAsync([AccessLogEntries.ForOperator(AccessEventKind.AccessDenied, user.Name, user.Organisation,
                $"Refused in the console: {what}. {why}", clock.GetUtcNow())], ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        logger.LogWarning("Console request refused for {User} of {Organisation}: {What}", user.Name, user.Organisation, what);
        return new HubException($"Refused: {why}");
    }
}
