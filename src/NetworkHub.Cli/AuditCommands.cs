using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Hosting;

namespace NetworkHub.Cli;

/// <summary>
/// Access-log audits for operators and the privacy officer. Reads the same configuration as the hub
/// (appsettings.json, NetworkHub__* environment variables, --NetworkHub:Key=value arguments).
/// </summary>
public static class AuditCommands
{
    public const int Ok = 0;
    public const int ChainBroken = 1;
    public const int UsageError = 2;
    public const int KeysMissing = 3;

    private const string Usage = """
        usage:
          networkhub audit verify                                  check the access log's hash chain; exit 1 at the first broken row
          networkhub audit received --bsn <bsn>                    who received data about this person, when and why
          networkhub audit received --reference <ref> --sender <organisation>
        """ + "\n" + OperatorCommands.Usage + "\n" + KeyCommands.Usage + "\n" + PartnerCommands.Usage + "\n" + DatabaseCommands.Usage + "\n" + """
        configuration as for the hub, e.g. --NetworkHub:Database=PostgreSql --NetworkHub:ConnectionString=...
        """;

    /// <summary>Runs one command; <paramref name="clock"/> (default: the system's) dates what operators do, as the hub's clock dates what the hub does.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct, TimeProvider? clock = null)
    {
        var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var settings = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Skip(words.Length).ToArray())
            .Build();
        var options = settings.GetSection(HubOptions.SectionName).Get<HubOptions>() ?? new HubOptions();
        if (words is ["db", "migrate"])
        {
            return await DatabaseCommands.MigrateAsync(options, output, ct);
        }

        if (words is ["partners", "provision"])
        {
            return await PartnerCommands.ProvisionAsync(options, settings, output, ct);
        }

        var builder = new DbContextOptionsBuilder<HubDbContext>();
        builder.UseHubDatabase(options);
        await using var db = new HubDbContext(builder.Options);
        var store = new AccessLogStore(db);

        switch (words)
        {
            case ["audit", "verify"]:
                return Report(await store.VerifyAsync(ct), output);
            case ["audit", "received"]:
                var subject = Subject(settings);
                if (subject is null)
                {
                    await output.WriteLineAsync(Usage);
                    return UsageError;
                }

                if (await KeysAsync(settings, options, db, output, ct) is not { } pseudonymizer)
                {
                    return KeysMissing;
                }

                var rows = await store.ReceivedAboutAsync(pseudonymizer.SubjectKeyCandidates(subject.Value.Reference, subject.Value.Sender), ct);
                await output.WriteLineAsync($"{rows.Count} transfer(s):");
                foreach (var row in rows)
                {
                    await output.WriteLineAsync(
                        $"{row.At:yyyy-MM-dd HH:mm:ss}Z  {row.OnBehalfOf} -> {row.Recipient}  {row.Event}  basis {row.Basis}  purpose {row.Purpose}" +
                        $"  consent {row.ConsentReference ?? "-"}  rule {row.RuleId ?? "-"}  message {row.MessageId}");
                }

                return Ok;
            case ["keys", "rekey"]:
                return await KeysAsync(settings, options, db, output, ct) is { } keys
                    ? await KeyCommands.RekeyAsync(keys, db, settings, output, ct)
                    : KeysMissing;
            default:
                if (await OperatorCommands.RunAsync(words, settings, options, db, clock ?? TimeProvider.System, output, ct) is { } done)
                {
                    return done;
                }

                await output.WriteLineAsync(Usage);
                return UsageError;
        }
    }

    /// <summary>The hub's own keys, checked against the database; null (with the reason written) when the tool cannot have them.</summary>
    private static async Task<Pseudonymizer?> KeysAsync(IConfiguration settings, HubOptions options, HubDbContext db, TextWriter output, CancellationToken ct)
    {
        try
        {
            var pseudonymizer = new Pseudonymizer(PseudonymKeys.ResolveExisting(settings, options));
            if (await new PseudonymKeyRegister(db).FindMismatchAsync(pseudonymizer, ct) is not { } mismatch)
            {
                return pseudonymizer;
            }

            await output.WriteLineAsync(mismatch);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            await output.WriteLineAsync(e.Message);
        }

        return null;
    }

    private static int Report(AccessLogVerification result, TextWriter output)
    {
        output.WriteLine(result.Intact
            ? $"Access log intact: {result.RowsChecked} rows checked."
            : $"Access log BROKEN at row {result.FirstBrokenSequence} ({result.Problem}); {result.RowsChecked} rows checked.");
        return result.Intact ? Ok : ChainBroken;
    }

    /// <summary>A BSN identifies the person for every sender; a sender's own reference only with that sender.</summary>
    private static (SubjectReference Reference, string Sender)? Subject(IConfiguration settings) =>
        settings["bsn"] is { Length: > 0 } bsn ? (new SubjectReference { Role = SubjectRole.Child, Bsn = bsn }, "")
        : settings["reference"] is { Length: > 0 } reference && settings["sender"] is { Length: > 0 } sender
            ? (new SubjectReference { Role = SubjectRole.Child, SenderReference = reference }, sender)
            : null;
}
