using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

public enum AccessEventKind
{
    Transfer = 1,
    Refusal = 2,

    /// <summary>A transfer without consent under the meldcode or for child protection ("break the glass").</summary>
    Override = 3,

    /// <summary>A privacy officer looked behind the console's masking.</summary>
    Unmask = 4,

    ConsentChange = 5,

    /// <summary>Someone acted on the hub's records (an alert picked up or resolved), from the console or the operator tool.</summary>
    OperatorAction = 6,

    /// <summary>A console request the user's role or organisation does not allow, refused.</summary>
    AccessDenied = 7,

    /// <summary>A privacy officer read an override's justification, or judged the override.</summary>
    OverrideReview = 8,

    /// <summary>Someone asked who received data about a person (the audit): who, about whom (by key), why.</summary>
    AuditQuery = 9,

    /// <summary>
    /// Someone opened the record of a hand-off, case or MDO in the console (its timeline): who dealt with a family, even
    /// when no personal data was shown.
    /// </summary>
    ConsoleView = 10,

    /// <summary>Someone traced hand-overs or a case's history (console or operator tool): who, what was asked and why.</summary>
    Lookup = 11,
}

/// <summary>
/// One row of the access log, in the spirit of NEN 7513: what happened, when, about whom (by key,
/// never the BSN), by whom, on behalf of which organisation, on which basis. Rows are appended,
/// never changed; each holds the hash of the previous, so a changed or removed row shows.
/// </summary>
public sealed record AccessLogEntry
{
    public long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required AccessEventKind Event { get; init; }
    public string? SubjectKey { get; init; }

    /// <summary>The acting user, or the system component (for instance "hub-policy").</summary>
    public required string Actor { get; init; }

    public required string OnBehalfOf { get; init; }
    public string? Recipient { get; init; }
    public Grondslag? Basis { get; init; }
    public Purpose? Purpose { get; init; }
    public string? ConsentReference { get; init; }
    public bool OverrideUsed { get; init; }
    public Guid? MessageId { get; init; }
    public string? RuleId { get; init; }
    public ReturnCode? Code { get; init; }

    /// <summary>Why, without personal data (a decision's reason, an unmask reason).</summary>
    public string? Reason { get; init; }

    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";
}

/// <summary>The hash chain over the access log. Pure: persistence stores what it returns.</summary>
public static class AccessLogChain
{
    /// <summary>The "previous hash" of the first row.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>
    /// Links a new row after <paramref name="previous"/> (null for the first row): sequence, previous
    /// hash and hash are set here, whatever the row carried. The time is cut to whole microseconds
    /// so the hash survives a round trip through any database.
    /// </summary>
    public static AccessLogEntry Append(AccessLogEntry? previous, AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var linked = entry with
        {
            Sequence = (previous?.Sequence ?? 0) + 1,
            At = TruncateToMicroseconds(entry.At),
            PreviousHash = previous?.Hash ?? Genesis,
            Hash = "",
        };
        return linked with { Hash = ComputeHash(linked, linked.PreviousHash) };
    }

    /// <summary>SHA-256 (lower-case hex) over every field but the hash itself, in a canonical, unambiguous form.</summary>
    public static string ComputeHash(AccessLogEntry entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = new StringBuilder();

        // Each field is "name=<length>:<value>;" (or "name=-;" when absent), so no value can be
        // mistaken for a separator and null differs from empty.
        void Field(string name, string? value) =>
            canonical.Append(name).Append('=')
                .Append(value is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{value.Length}:{value}"))
                .Append(';');

        Field("v", "1");
        Field("seq", entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field("at", entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field("event", entry.Event.ToString());
        Field("subject", entry.SubjectKey);
        Field("actor", entry.Actor);
        Field("onBehalfOf", entry.OnBehalfOf);
        Field("recipient", entry.Recipient);
        Field("basis", entry.Basis?.ToString());
        Field("purpose", entry.Purpose?.ToString());
        Field("consent", entry.ConsentReference);
        Field("override", entry.OverrideUsed ? "1" : "0");
        Field("message", entry.MessageId?.ToString("D"));
        Field("rule", entry.RuleId);
        Field("code", entry.Code?.ToString());
        Field("reason", entry.Reason);
        Field("previous", previousHash);

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000)), TimeSpan.Zero);
}

public enum AccessLogProblem
{
    /// <summary>The row's content does not match its hash: the row was changed.</summary>
    HashMismatch = 1,

    /// <summary>The row does not point at the hash of the row before it: a row before it was changed, removed or inserted.</summary>
    BrokenLink = 2,

    /// <summary>The sequence skips or repeats.</summary>
    SequenceGap = 3,
}

/// <summary>The verifier's verdict: intact, or the first row where the chain breaks and why.</summary>
public sealed record AccessLogVerification(bool Intact, long RowsChecked, long? FirstBrokenSequence, AccessLogProblem? Problem)
{
    public static AccessLogVerification Ok(long rows) => new(true, rows, null, null);
}

public static class AccessLogVerifier
{
    /// <summary>
    /// Walks the rows in order and reports the first broken one. Verifying a tail of the log needs
    /// the hash of the row before it as <paramref name="anchorHash"/>; a whole log starts at genesis.
    /// </summary>
    public static AccessLogVerification Verify(IEnumerable<AccessLogEntry> entries, string? anchorHash = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expectedPrevious = anchorHash ?? AccessLogChain.Genesis;
        long? expectedSequence = null;
        long rows = 0;
        foreach (var entry in entries)
        {
            if (expectedSequence is { } sequence && entry.Sequence != sequence)
            {
                return new(false, rows, entry.Sequence, AccessLogProblem.SequenceGap);
            }

            if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return new(false, rows, entry.Sequence, AccessLogProblem.BrokenLink);
            }

            if (!string.Equals(entry.Hash, AccessLogChain.ComputeHash(entry, entry.PreviousHash), StringComparison.Ordinal))
            {
                return new(false, rows, entry.Sequence, AccessLogProblem.HashMismatch);
            }

            rows++;
            expectedPrevious = entry.Hash;
            expectedSequence = entry.Sequence + 1;
        }

        return AccessLogVerification.Ok(rows);
    }
}

/// <summary>The rows the pipeline appends for policy decisions, consent changes and unmasking, before they are chained.</summary>
public static class AccessLogEntries
{
    /// <summary>The system actor for decisions the hub takes by itself.</summary>
    public const string PolicyActor = "hub-policy";

    public static AccessLogEntry ForDecision(PolicyDecision decision, DateTimeOffset at, string actor = PolicyActor)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new()
        {
            At = at,
            Event = !decision.Allowed ? AccessEventKind.Refusal : decision.OverrideUsed ? AccessEventKind.Override : AccessEventKind.Transfer,
            SubjectKey = decision.SubjectKey?.Value,
            Actor = actor,
            OnBehalfOf = decision.SenderCode,
            Recipient = decision.RecipientCode,
            Basis = decision.Basis,
            Purpose = decision.Purpose,
            ConsentReference = decision.ConsentReference,
            OverrideUsed = decision.OverrideUsed,
            MessageId = decision.MessageId,
            RuleId = decision.RuleId,
            Code = decision.ReturnCode,
            Reason = decision.Reason,
        };
    }

    public static AccessLogEntry ForConsentChange(ConsentRecord record, string actor, string onBehalfOf, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        var state = record.StateAt(at);
        return new()
        {
            At = at,
            Event = AccessEventKind.ConsentChange,
            SubjectKey = record.Subject.Value,
            Actor = actor,
            OnBehalfOf = onBehalfOf,
            Basis = Grondslag.Toestemming,
            Purpose = record.Purpose,
            ConsentReference = record.Id,
            Reason = $"Consent {record.Id} for {record.Purpose} ({record.Scope}) is now {state}.",
        };
    }

    /// <summary>An action someone took, or tried and was refused: who, for which organisation, what and why.</summary>
    public static AccessLogEntry ForOperator(AccessEventKind kind, string actor, string onBehalfOf, string what, DateTimeOffset at, Guid? about = null) => new()
    {
        At = at,
        Event = kind,
        Actor = actor,
        OnBehalfOf = onBehalfOf,
        MessageId = about,
        Reason = what,
    };

    /// <summary>A trace someone asked for, with what was asked and why; about a person (by key) when it was a case's history.</summary>
    public static AccessLogEntry ForLookup(string actor, string onBehalfOf, string what, DateTimeOffset at, SubjectKey? about = null) => new()
    {
        At = at,
        Event = AccessEventKind.Lookup,
        SubjectKey = about?.Value,
        Actor = actor,
        OnBehalfOf = onBehalfOf,
        Reason = what,
    };

    /// <summary>A privacy officer revealed a masked value: filed under the person it is about, where the hub knows them.</summary>
    public static AccessLogEntry ForUnmask(SubjectKey? subject, string actor, string onBehalfOf, string reason, DateTimeOffset at, Guid? about = null) => new()
    {
        At = at,
        Event = AccessEventKind.Unmask,
        SubjectKey = subject?.Value,
        Actor = actor,
        OnBehalfOf = onBehalfOf,
        MessageId = about,
        Reason = reason,
    };
}
