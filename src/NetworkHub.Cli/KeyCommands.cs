using Microsoft.Extensions.Configuration;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Cli;

/// <summary>Pseudonym key maintenance after a rotation. Runs with the hub's own keys, checked against the database.</summary>
public static class KeyCommands
{
    public const string Usage = """
          networkhub keys rekey [--batch <n>]                        move records of people seen since a key rotation to the current key
        """;

    public static async Task<int> RekeyAsync(Pseudonymizer keys, HubDbContext db, IConfiguration settings, TextWriter output, CancellationToken ct)
    {
        var batch = int.TryParse(settings["batch"], out var n) && n > 0 ? n : 500;
        var rekey = new SubjectKeyRekey(db);
        var done = await rekey.RunAsync(batch, p => output.WriteLine($"{p.PairingsDone}/{p.PairingsTotal} people, {p.RowsMoved} row(s) moved"), ct);
        await output.WriteLineAsync($"Rekeyed {done.PairingsDone} people ({done.RowsMoved} rows) to key {keys.CurrentKeyId}.");
        var left = await rekey.RowsUnderEarlierKeysAsync(keys.CurrentKeyId, ct);
        await output.WriteLineAsync(left == 0
            ? "No records are filed under earlier keys: they may be removed once partners hold no pseudonyms made with them."
            : $"{left} row(s) are still filed under earlier keys (people not seen since the rotation): keep those keys configured.");
        return AuditCommands.Ok;
    }
}
