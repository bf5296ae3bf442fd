using System.CommandLine;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Cli;

/// <summary>Pseudonym key maintenance after a rotation. Runs with the hub's own keys, checked against the database.</summary>
internal static class KeyCommands
{
    public static Command Create(CliContext cli)
    {
        var batch = CliOptions.Positive("--batch", "People moved per transaction (default 500).", 500);
        var rekey = new Command("rekey", """
            After a key rotation (a new key made current in NetworkHub:Pseudonyms): move the records of people seen since
            to the current key, then say whether records remain under earlier keys, which must stay configured until none do.
            Shows a progress bar on a terminal.
            """) { batch };
        rekey.SetAction(async (parsed, ct) =>
        {
            await using var db = cli.OpenDatabase();
            if (await cli.KeysAsync(db, ct) is not { } keys)
            {
                return ExitCodes.KeysMissing;
            }

            var rekeying = new SubjectKeyRekey(db);
            var done = await cli.WithProgressAsync("Rekeying", report => rekeying.RunAsync(parsed.GetValue(batch), p => report(p.PairingsDone, p.PairingsTotal), ct));
            cli.Line($"Rekeyed {done.PairingsDone} people ({done.RowsMoved} rows) to key {keys.CurrentKeyId}.");
            var left = await rekeying.RowsUnderEarlierKeysAsync(keys.CurrentKeyId, ct);
            cli.Line(left == 0
                ? "No records are filed under earlier keys: they may be removed once partners hold no pseudonyms made with them."
                : $"{left} row(s) are still filed under earlier keys (people not seen since the rotation): keep those keys configured.");
            return ExitCodes.Ok;
        });
        return new Command("keys", "The pseudonym keys behind subject keys and pseudonyms (never printed; configured as for the hub).") { rekey };
    }
}
