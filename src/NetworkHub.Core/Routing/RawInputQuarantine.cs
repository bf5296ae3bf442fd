using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Input the hub cannot turn into a contract (unreadable, unknown type, too large): kept byte for byte in
/// quarantine, and the authenticated sender gets a return message. Keyed by a fingerprint of the bytes, so
/// a redelivery of the same input is quarantined and returned once.
/// </summary>
public sealed class RawInputQuarantine(HubDbContext db, TimeProvider clock, ILogger<RawInputQuarantine> logger)
{
    public async Task<RoutingResult> QuarantineAsync(ReadOnlyMemory<byte> body, AuthenticatedSender sender, ReturnCode code, string reason, CancellationToken ct)
    {
        var key = DeterministicGuid.Create(Guid.Empty, "raw:" + Convert.ToHexString(SHA256.HashData(body.Span)));
        if (await db.Inbox.AnyAsync(i => i.MessageId == key, ct))
        {
            return RoutingResult.AlreadyHandled(key);
        }

        var envelope = EnvelopeHints.Read(body);
        var now = clock.GetUtcNow();
        logger.LogWarning("Input {Key} from {Principal} quarantined: {Code}", key, sender.Principal, code);

        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        db.Inbox.Add(new InboxEntry
        {
            MessageId = key,
            Contract = envelope.Contract ?? "(unknown)",
            Sender = sender.Organisation,
            ContentHash = key.ToString("N"),
            Outcome = InboxOutcome.Quarantined,
            ReceivedAt = now,
        });
        db.Quarantine.Add(new QuarantineEntry
        {
            ReceivedAt = now,
            Sender = sender.Organisation ?? sender.Principal,
            Contract = envelope.Contract,
            MessageId = envelope.MessageId,
            Code = code,
            Reason = reason,
            Body = body.ToArray(),
        });

        var outbox = new OutboxBatch(db, now);
        if (sender.Organisation is { } returnTo)
        {
            outbox.Add(HubMessages.Return(key, envelope.MessageId, envelope.CorrelationId ?? key, envelope.Contract, returnTo, code, reason, now), returnTo, key);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RoutingResult(RoutingOutcome.Quarantined, key, outbox.Pending(), code);
    }

    /// <summary>What can be read from a transport envelope that did not deserialise, to tell the sender which message it was.</summary>
    private sealed record EnvelopeHints(Guid? MessageId, Guid? CorrelationId, string? Contract)
    {
        private const string UrnPrefix = "urn:message:NetworkHub.Contracts.";

        public static EnvelopeHints Read(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : root;
                string? contract = null;
                if (root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
                {
                    var urn = types[0].GetString() ?? "";
                    contract = urn.StartsWith(UrnPrefix, StringComparison.Ordinal) ? urn[UrnPrefix.Length..].Replace(':', '.') : urn;
                }

                return new EnvelopeHints(ReadGuid(message, "messageId"), ReadGuid(message, "correlationId"), contract);
            }
            catch (JsonException)
            {
                return new EnvelopeHints(null, null, null);
            }
        }

        private static Guid? ReadGuid(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
                ? id
                : null;
    }
}
