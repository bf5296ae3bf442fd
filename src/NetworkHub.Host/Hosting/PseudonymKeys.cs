using System.Security.Cryptography;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Host.Hosting;

/// <summary>
/// The keys behind pseudonyms and subject keys, from "NetworkHub:Pseudonyms" (CurrentKeyId, Keys:{id}=base64).
/// Without configured keys the hub makes one key, once, in its data directory, so the quick start and demo keep
/// stable pseudonyms across restarts; a deployment configures its keys (from a secret store) instead.
/// </summary>
public static class PseudonymKeys
{
    public const string SectionName = "NetworkHub:Pseudonyms";
    private const string LocalKeyId = "local";

    public static PseudonymOptions Resolve(IConfiguration configuration, HubOptions options)
    {
        var configured = configuration.GetSection(SectionName).Get<PseudonymOptions>();
        if (configured is { Keys.Count: > 0 })
        {
            return configured;
        }

        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, "pseudonym-key");
        if (!File.Exists(path))
        {
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
