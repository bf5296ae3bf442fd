using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Hosting;

/// <summary>
/// The keys behind pseudonyms and subject keys, from "NetworkHub:Pseudonyms" (CurrentKeyId, Keys:{id}=base64). Only
/// the demo (<c>--demo</c>) may run without them: it makes one key, once, in its data directory. Anything else
/// refuses to start, because a key made on the spot files every child under keys no other instance, volume or tool
/// shares, and lookups then fail silently.
/// </summary>
public static class PseudonymKeys
{
    public const string SectionName = "NetworkHub:Pseudonyms";
    private const string LocalKeyId = "local";

    /// <summary>The keys for the hub: configured, or in demo mode the data directory's own (made when missing).</summary>
    public static PseudonymOptions Resolve(IConfiguration configuration, HubOptions options) => Resolve(configuration, options, createDemoKey: true);

    /// <summary>The keys for a tool beside the hub: configured, or the demo hub's existing key; a tool never makes one.</summary>
    public static PseudonymOptions ResolveExisting(IConfiguration configuration, HubOptions options) => Resolve(configuration, options, createDemoKey: false);

    private static PseudonymOptions Resolve(IConfiguration configuration, HubOptions options, bool createDemoKey)
    {
        var configured = configuration.GetSection(SectionName).Get<PseudonymOptions>();
        if (configured is { Keys.Count: > 0 })
        {
            return configured;
        }

        var path = Path.Combine(options.DataDirectory, "pseudonym-key");
        if (!options.Demo || (!createDemoKey && !File.Exists(path)))
        {
            throw new InvalidOperationException(
                $"No pseudonym keys are configured: set {SectionName}:CurrentKeyId and {SectionName}:Keys:<id> (base64 of at least 32 random bytes, " +
                "from the secret store; environment NetworkHub__Pseudonyms__CurrentKeyId and NetworkHub__Pseudonyms__Keys__<id>), the same keys for " +
                "every instance and tool of this hub. Only the demo (--demo) makes a key of its own.");
        }

        if (!File.Exists(path))
        {
            Directory.CreateDirectory(options.DataDirectory);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // the key is a secret
            }

            using var writer = new StreamWriter(new FileStream(path, create));
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        return new PseudonymOptions { CurrentKeyId = LocalKeyId, Keys = { [LocalKeyId] = File.ReadAllText(path).Trim() } };
    }
}
