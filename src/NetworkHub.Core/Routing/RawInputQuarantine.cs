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
/// a redelivery of the same input is quarantined and returned once. A replay of kept input that is still unreadable
/// (<see cref="ReplayAttempt"/>) is kept again as a new entry with its new reason, and returned again.
/// </summary>
public sealed class RawInputQuarantine(HubDbContext db, TimeProvider clock, ILogger<RawInputQuarantine> logger)
{
    public async Task<RoutingResult> QuarantineAsync(ReadOnlyMemory<byte> body, AuthenticatedSender sender, ReturnCode code, string reason, CancellationToken ct,
        ReplayAttempt? replay = null)
    {
        var key = DeterministicGuid.Create(Guid.Empty, "raw:" + Convert.ToHexString(SHA256.HashData(body.Span)));
        if (replay is null && await db.Inbox.AnyAsync(i => i.MessageId == key, ct))
        {
            return RoutingResult.AlreadyHandled(key);
        }

        var envelope = EnvelopeHints.Read(body);
        var now = clock.GetUtcNow();
        logger.LogWarning("Input {Key} from {Principal} quarantined: {Code}", key, sender.Principal, code);

        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        if (replay is not null && !await replay.ClaimAsync(db, now, ct))
        {
            return RoutingResult.AlreadyHandled(key);
        }

        if (replay is null || !await db.Inbox.AnyAsync(i => i.MessageId == key, ct))
        {
            db.Inbox.Add(new InboxEntry
            {
                MessageId = key,
                Contract = envelope.Contract ?? "(unknown)",
                Sender = sender.Organisation,
                ContentHash = key.ToString("N"),
                Outcome = InboxOutcome.Quarantined,
                ReceivedAt = now,
            });
        }

        db.Quarantine.Add(new QuarantineEntry
        {
            ReceivedAt = now,
            Sender = sender.Organisation ?? sender.Principal,
            Contract = envelope.Contract,
            MessageId = envelope.MessageId,
            CorrelationId = envelope.CorrelationId,
            Code = code,
            Reason = reason,
            Body = body.ToArray(),
        });

        var outbox = new OutboxBatch(db, now);
        if (sender.Organisation is { } returnTo)
        {
            var basis = replay?.Salt(key) ?? key;
            outbox.Add(HubMessages.Return(basis, envelope.MessageId, envelope.CorrelationId ?? key, envelope.Contract, returnTo, code, reason, now), returnTo, key);
        }

        var result = new RoutingResult(RoutingOutcome.Quarantined, key, [], code);
        if (replay is not null)
        {
            await replay.RecordAsync(db, result, envelope.MessageId, now, ct);
        }

        await db.SaveChangesAsync(ct);
        if (replay is not { DryRun: true })
        {
            await tx.CommitAsync(ct);
        }

        return result with { Dispatches = outbox.Pending() };
    }

    /// <summary>
    /// What can be read from a transport envelope that did not deserialise, to tell the sender which message it was.
    /// Reading hints never fails: input that is not an object, holds values of other types or text that is not
    /// UTF-8 gives fewer hints. (A failure here would fail the quarantine that keeps the input, and the message
    /// would go back to the queue for ever.)
    /// </summary>
    private sealed record EnvelopeHints(Guid? MessageId, Guid? CorrelationId, string? Contract)
    {
        private const string UrnPrefix = "urn:message:NetworkHub.Contracts.";
        private const int MaxContractLength = 200;
        private static readonly EnvelopeHints None = new(null, null, null);

        public static EnvelopeHints Read(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return None;
                }

                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : root;
                return new EnvelopeHints(ReadGuid(message, "messageId"), ReadGuid(message, "correlationId"), ReadContract(root));
            }
            catch (JsonException)
            {
                return None;
            }
        }

        /// <summary>The first message type (a contract name when it is one of the hub's), kept only as short printable ASCII: it is stored as text.</summary>
        private static string? ReadContract(JsonElement envelope)
        {
            if (!envelope.TryGetProperty("messageType", out var types) || types.ValueKind != JsonValueKind.Array || types.GetArrayLength() == 0
                || Text(types[0]) is not { } urn)
            {
                return null;
            }

            var contract = urn.StartsWith(UrnPrefix, StringComparison.Ordinal) ? urn[UrnPrefix.Length..].Replace(':', '.') : urn;
            return contract.Length <= MaxContractLength && contract.All(c => c is >= ' ' and <= '~') ? contract : null;
        }

        private static Guid? ReadGuid(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && Guid.TryParse(Text(value), out var id) ? id : null;

        /// <summary>A string value, or null for any other value and for text that is not UTF-8.</summary>
        private static string? Text(JsonElement value)
        {
            try
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}
