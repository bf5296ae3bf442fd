using System.Security.Cryptography;
using System.Text;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// The hub's own key for a person: a keyed hash, never the BSN. Consent records and access-log rows
/// are filed under it.
/// </summary>
public sealed record SubjectKey(string Value)
{
    public override string ToString() => Value;
}

/// <summary>
/// Pseudonym keys, bound from configuration ("Privacy:Pseudonyms"). Each key is base64 of at least
/// 32 random bytes. To rotate: add a new key, make it current, keep the old ones until nothing refers
/// to their pseudonyms any more.
/// </summary>
public sealed class PseudonymOptions
{
    public string CurrentKeyId { get; set; } = "";

    /// <summary>Key id → base64 secret.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
}

/// <summary>
/// Stable, keyed, per-recipient pseudonyms: HMAC-SHA256(key, recipient | subject) where the subject is
/// its BSN or, without one, the sender's own reference. Two recipients get unrelated pseudonyms for
/// the same child, so they cannot link their records without the hub. The key id is part of the
/// pseudonym, so after a rotation the hub can tell which key made an old pseudonym and map it to the
/// current one.
/// </summary>
public sealed class Pseudonymizer
{
    /// <summary>The "recipient" under which the hub files its own subject keys.</summary>
    private const string HubScope = "hub";
    private const int MinimumKeyBytes = 32;

    // 160 bits: far beyond collision range for any realistic population, and a 32-character string.
    private const int PseudonymBytes = 20;

    private readonly string _currentKeyId;
    private readonly IReadOnlyList<(string Id, byte[] Secret)> _keys; // current first

    public Pseudonymizer(PseudonymOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CurrentKeyId) || !options.Keys.ContainsKey(options.CurrentKeyId))
        {
            throw new ArgumentException("The current pseudonym key id must name one of the configured keys.", nameof(options));
        }

        var keys = new List<(string, byte[])>();
        foreach (var (id, base64) in options.Keys.OrderBy(k => k.Key == options.CurrentKeyId ? 0 : 1).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            if (id.Contains(':', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException($"Pseudonym key id '{id}' must be non-empty and must not contain ':'.", nameof(options));
            }

            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw new ArgumentException($"Pseudonym key '{id}' is not valid base64.", nameof(options));
            }

            if (secret.Length < MinimumKeyBytes)
            {
                throw new ArgumentException($"Pseudonym key '{id}' must be at least {MinimumKeyBytes} bytes.", nameof(options));
            }

            keys.Add((id, secret));
        }

        _currentKeyId = options.CurrentKeyId;
        _keys = keys;
    }

    public string CurrentKeyId => _currentKeyId;

    /// <summary>
    /// Key id → a fingerprint of the key (a keyed hash of a fixed text; it does not reveal the key). Recorded in the
    /// database, it shows when a hub or tool runs with other keys than those its records were filed under.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fingerprints => _keys.ToDictionary(
        k => k.Id, k => Convert.ToHexStringLower(HMACSHA256.HashData(k.Secret, "networkhub pseudonym key fingerprint"u8))[..32], StringComparer.Ordinal);

    /// <summary>The pseudonym this recipient gets for the subject, under the current key; null when the subject carries no BSN or reference.</summary>
    public string? PseudonymFor(string recipientCode, SubjectReference subject, string senderOrganisation) =>
        Input(subject, senderOrganisation) is { } input ? Compute(_keys[0], recipientCode, input) : null;

    /// <summary>The pseudonyms under every configured key, current first: what a recipient may still hold from before a rotation.</summary>
    public IReadOnlyList<string> AllPseudonymsFor(string recipientCode, SubjectReference subject, string senderOrganisation) =>
        Input(subject, senderOrganisation) is { } input ? [.. _keys.Select(k => Compute(k, recipientCode, input))] : [];

    /// <summary>
    /// Maps a pseudonym a recipient still holds (made under an older key) to the current one. The hub
    /// needs the subject for this: a keyed hash cannot be reversed, which is the point.
    /// </summary>
    public bool TryMapToCurrent(string recipientCode, SubjectReference subject, string senderOrganisation, string heldPseudonym, out string current)
    {
        current = "";
        var all = AllPseudonymsFor(recipientCode, subject, senderOrganisation);
        if (!all.Contains(heldPseudonym, StringComparer.Ordinal))
        {
            return false;
        }

        current = all[0];
        return true;
    }

    /// <summary>The hub's own key for the subject under the current key; null when the subject carries no BSN or reference.</summary>
    public SubjectKey? SubjectKeyFor(SubjectReference? subject, string senderOrganisation) =>
        subject is not null && Input(subject, senderOrganisation) is { } input ? new SubjectKey(Compute(_keys[0], HubScope, input)) : null;

    /// <summary>Subject keys under every configured key, current first: records filed before a rotation are still found.</summary>
    public IReadOnlyList<SubjectKey> SubjectKeyCandidates(SubjectReference? subject, string senderOrganisation) =>
        subject is not null && Input(subject, senderOrganisation) is { } input
            ? [.. _keys.Select(k => new SubjectKey(Compute(k, HubScope, input)))]
            : [];

    // A BSN identifies the person across senders; a sender's own reference only within that sender.
    private static string? Input(SubjectReference subject, string senderOrganisation)
    {
        if (!string.IsNullOrWhiteSpace(subject.Bsn))
        {
            return "bsn:" + subject.Bsn.Trim();
        }

        if (!string.IsNullOrWhiteSpace(subject.SenderReference))
        {
            return $"ref:{senderOrganisation.Length}:{senderOrganisation}:{subject.SenderReference.Trim()}";
        }

        return null;
    }

    private static string Compute((string Id, byte[] Secret) key, string scope, string input)
    {
        // Length-prefixed so that no choice of codes can make two different pairs hash alike.
        var message = Encoding.UTF8.GetBytes($"{scope.Length}:{scope}|{input}");
        var mac = HMACSHA256.HashData(key.Secret, message);
        return key.Id + ":" + Base32(mac.AsSpan(0, PseudonymBytes));
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var result = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                result.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            result.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return result.ToString();
    }
}
