using Microsoft.AspNetCore.SignalR;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>Which masked value to reveal: a record of a source ("quarantine", its id), one field by its path, and why.</summary>
public sealed record UnmaskRequest(string Source, string Id, string Field, string? Reason);

/// <summary>
/// Unmasking, for any view that shows masked fields (<see cref="IMaskedRecordSource"/>): only a privacy officer, of an
/// organisation the record concerns (or of the operations team), with a reason, one field at a time. Each reveal is an
/// access-log row (who, which record and field, why); a request without the role is refused and logged.
/// </summary>
public sealed partial class ConsoleHub
{
    private const int MaxReasonLength = 500;

    public async Task<string?> Unmask(UnmaskRequest request, MaskedRecords records)
    {
        var user = User;
        var ct = Context.ConnectionAborted;
        var what = $"unmask {request.Field} of {request.Source} #{request.Id}";
        if (user.Role != ConsoleRoles.PrivacyOfficer)
        {
            throw await refusals.RefuseAsync(user, what, $"Only a privacy officer unmasks personal data; {user.Name} is a {user.Role}.", ct);
        }

        if (request.Reason?.Trim() is not { Length: > 0 } reason)
        {
            throw new HubException("Say why you unmask this field: the reason is logged with your name.");
        }

        var record = await (records.Find(request.Source)?.FindAsync(request.Id, ct) ?? Task.FromResult<MaskedRecord?>(null))
                     ?? throw new HubException($"There is no {request.Source} record {request.Id}.");
        if (!user.SeesAny(record.Concerns))
        {
            throw await refusals.RefuseAsync(user, what, $"The record does not concern {user.Organisation}, the organisation {user.Name} works for.", ct);
        }

        var field = record.Fields.FirstOrDefault(f => f.Path == request.Field) ?? throw new HubException($"The record has no field {request.Field}.");
        await using (var tx = await db.Database.BeginWriteTransactionAsync(ct))
        {
            db.AccessLog.Add(AccessLogEntries.ForUnmask(record.Subject, user.Name, user.Organisation,
                $"Unmasked {request.Field} of {request.Source} #{request.Id} in the console: {reason[..Math.Min(reason.Length, MaxReasonLength)]}",
                clock.GetUtcNow(), record.MessageId));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return field.Value;
    }
}
