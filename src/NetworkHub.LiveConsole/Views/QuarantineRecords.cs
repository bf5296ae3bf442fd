using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;

namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// Quarantined input as the console shows it: the entry, and its body read as the hub reads a delivery, as fields. Input
/// that does not read as a contract is never shown, only its size and code.
/// </summary>
public sealed class QuarantineRecords(HubDbContext db, Pseudonymizer pseudonymizer, IngressLimits limits) : IMaskedRecordSource
{
    public const string Source = "quarantine";

    public string Name => Source;

    public async Task<(QuarantineEntry Entry, MaskedRecord Record)?> ReadAsync(long id, CancellationToken ct)
    {
        var entry = await db.Quarantine.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct);
        if (entry is null)
        {
            return null;
        }

        var message = MassTransitEnvelope.Receive(entry.Body, new AuthenticatedSender(entry.Sender, entry.Sender), limits).Message; // too large: not read
        var subject = message is null ? null : pseudonymizer.SubjectKeyFor(message.Subject, message.SenderOrganisation);
        return (entry, new MaskedRecord(entry.Sender is { } sender ? [sender] : [], entry.MessageId, subject,
            message is null ? [] : MessageFields.Of(message)));
    }

    public async Task<MaskedRecord?> FindAsync(string id, CancellationToken ct) =>
        long.TryParse(id, out var number) && await ReadAsync(number, ct) is { } found ? found.Record : null;
}
