using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// The person an audit asks about: by BSN (the same person for every sender), or by a sender's own reference (a pupil
/// number means something only together with the school that gave it).
/// </summary>
public sealed record AuditSubject(string? Bsn, string? Reference, string? Sender)
{
    public static AuditSubject ByBsn(string bsn) => new(bsn, null, null);

    public static AuditSubject ByReference(string reference, string sender) => new(null, reference, sender);

    /// <summary>What the person was named by, without naming them: for the access log and the screen.</summary>
    public string How => Bsn is not null ? "by BSN" : $"by a reference of {Sender}";

    /// <summary>The text that identifies the person (the BSN or the reference): never to be logged or echoed.</summary>
    public string Identifier => Bsn ?? Reference ?? "";

    public SubjectReference ToSubjectReference() => new() { Role = SubjectRole.Child, Bsn = Bsn, SenderReference = Bsn is null ? Reference : null };
}

/// <summary>Who asks and why; the reason is required and written to the access log.</summary>
public sealed record AuditAsker(string Name, string Organisation, string Via, string Reason);

/// <summary>One disclosure about the person: who sent what to whom, when, on which basis, purpose, consent and rule.</summary>
public sealed record DisclosureRow(DateTimeOffset At, string Sender, string Recipient, string? Contract, AccessEventKind Event, Grondslag? Basis,
    Purpose? Purpose, string? ConsentReference, string? RuleId, Guid? MessageId);

/// <summary>
/// "Who received data about this person": every transfer, override and hub disclosure the access log holds for the
/// person's keys (under every configured pseudonym key), with the contract of each. Asking is itself an access-log row:
/// who asked, for which organisation, about whom (the hub's subject key, never the BSN) and why.
/// </summary>
public sealed class DisclosureAudit(HubDbContext db, Pseudonymizer pseudonyms, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The disclosures about <paramref name="subject"/>, oldest first; only those <paramref name="organisation"/> sent or
    /// received when given (everyone's when null). Throws <see cref="ArgumentException"/> for a request it refuses, with
    /// a message that never repeats the identifier.
    /// </summary>
    public async Task<IReadOnlyList<DisclosureRow>> ReceivedAsync(AuditSubject subject, AuditAsker asker, string? organisation, CancellationToken ct)
    {
        var reason = Check(subject, asker);
        var keys = pseudonyms.SubjectKeyCandidates(subject.ToSubjectReference(), subject.Sender ?? "");
        var rows = await new AccessLogStore(db).ReceivedAboutAsync(keys, ct);
        if (organisation is { Length: > 0 })
        {
            rows = [.. rows.Where(r => r.OnBehalfOf == organisation || r.Recipient == organisation)];
        }

        var contracts = await ContractsAsync(rows, ct);
        await using (var tx = await db.Database.BeginWriteTransactionAsync(ct))
        {
            await new AccessLogStore(db).AppendAsync([new AccessLogEntry
            {
                At = clock.GetUtcNow(),
                Event = AccessEventKind.AuditQuery,
                SubjectKey = keys[0].Value,
                Actor = asker.Name,
                OnBehalfOf = asker.Organisation,
                Reason = $"Asked who received data about this person ({subject.How}) in the {asker.Via}; {rows.Count} disclosure(s) shown. Reason: {reason}",
            }], ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return [.. rows.Select(r => new DisclosureRow(r.At, r.OnBehalfOf, r.Recipient ?? "", contracts.GetValueOrDefault((r.MessageId ?? Guid.Empty, r.Recipient ?? "")),
            r.Event, r.Basis, r.Purpose, r.ConsentReference, r.RuleId, r.MessageId))];
    }

    private static string Check(AuditSubject subject, AuditAsker asker)
    {
        if (string.IsNullOrWhiteSpace(subject.Bsn) == string.IsNullOrWhiteSpace(subject.Reference)
            || (subject.Reference is not null && string.IsNullOrWhiteSpace(subject.Sender)))
        {
            throw new ArgumentException("Name the person by a BSN, or by a sender's own reference together with that sender.");
        }

        if (subject.Bsn is { } bsn && !(bsn.Trim().Length is 8 or 9 && bsn.Trim().All(char.IsAsciiDigit)))
        {
            throw new ArgumentException("A BSN has 9 digits (older ones 8).");
        }

        var reason = asker.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw new ArgumentException("Give the reason for this audit: it is written to the access log.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"The reason is longer than {MaxReasonLength} characters.");
        }

        // The reason is logged; the person it is about must not be.
        if (subject.Identifier.Trim() is { Length: >= 4 } identifier && reason.Contains(identifier, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The reason names the person: the access log files this audit under the hub's key for them; say why, not who.");
        }

        return reason;
    }

    /// <summary>
    /// The contract of each disclosure: a routed message's hand-off, else the message the hub received (a forwarded
    /// answer), else what the hub sent (a message it made itself, such as a match).
    /// </summary>
    private async Task<Dictionary<(Guid, string), string>> ContractsAsync(IReadOnlyList<AccessLogEntry> rows, CancellationToken ct)
    {
        var wanted = rows.Where(r => r.MessageId is not null).Select(r => (Id: r.MessageId!.Value, Recipient: r.Recipient ?? "")).Distinct().ToArray();
        var ids = wanted.Select(w => w.Id).Distinct().ToArray();
        var found = (await db.HandOffs.AsNoTracking().Where(h => ids.Contains(h.MessageId)).Select(h => new { h.MessageId, h.Recipient, h.Contract }).ToListAsync(ct))
            .ToDictionary(h => (h.MessageId, h.Recipient), h => h.Contract);
        var received = await db.Inbox.AsNoTracking().Where(i => ids.Contains(i.MessageId)).ToDictionaryAsync(i => i.MessageId, i => i.Contract, ct);
        foreach (var key in wanted.Where(w => !found.ContainsKey(w) && received.ContainsKey(w.Id)))
        {
            found[key] = received[key.Id];
        }

        var made = wanted.Where(w => !found.ContainsKey(w)).Select(w => w.Id).Distinct().ToArray();
        if (made.Length > 0)
        {
            foreach (var sent in await db.Outbox.AsNoTracking().Where(o => made.Contains(o.MessageId)).Select(o => new { o.MessageId, o.Destination, o.Contract }).ToListAsync(ct))
            {
                found.TryAdd((sent.MessageId, sent.Destination), sent.Contract);
            }
        }

        return found;
    }
}
