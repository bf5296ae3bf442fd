using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetworkHub.Cli;
using NetworkHub.Host.Hosting;

namespace NetworkHub.IntegrationSpecs.Keys;

/// <summary>
/// Keys fail closed: a hub or tool that would file or look up children under keys other than those the database's
/// records were filed under does not run, because every lookup would quietly find nothing.
/// </summary>
public sealed class PseudonymKeySpecs : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("networkhub-keys-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void A_hub_without_configured_pseudonym_keys_refuses_to_start_and_names_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => BuildHub());

        Assert.Contains("NetworkHub:Pseudonyms:CurrentKeyId", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "pseudonym-key")));
    }

    [Fact]
    public async Task A_hub_given_another_key_under_the_id_its_records_were_filed_under_refuses_to_start()
    {
        await StartAsync(Key("2025", 1));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(Key("2025", 2)));

        Assert.Contains("NetworkHub:Pseudonyms:Keys:2025", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_with_a_new_current_key_beside_the_old_one_starts_and_without_the_old_one_refuses()
    {
        await StartAsync(Key("2025", 1));

        await StartAsync([.. Key("2025", 1), .. Key("2026", 2)]);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(Key("2027", 3)));

        Assert.Contains("2025", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_tool_without_the_hubs_keys_says_so_instead_of_answering_that_nobody_received_data()
    {
        await StartAsync(Key("2025", 1));

        using var withoutKeys = new StringWriter();
        var exitWithout = await NetworkHubCommand.RunAsync(["audit", "received", "--bsn", "999990019", "--by", "fg-anna", "--reason", "inzageverzoek", $"--NetworkHub:DataDirectory={_dataDirectory}"], withoutKeys, CancellationToken.None);
        using var otherKey = new StringWriter();
        var exitOther = await NetworkHubCommand.RunAsync(["audit", "received", "--bsn", "999990019", "--by", "fg-anna", "--reason", "inzageverzoek", $"--NetworkHub:DataDirectory={_dataDirectory}", .. Key("2025", 2)], otherKey, CancellationToken.None);

        Assert.Equal((ExitCodes.KeysMissing, ExitCodes.KeysMissing), (exitWithout, exitOther));
        Assert.Contains("NetworkHub:Pseudonyms:CurrentKeyId", withoutKeys.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("transfer(s)", withoutKeys.ToString() + otherKey.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "pseudonym-key")));
    }

    /// <summary>Settings making <paramref name="id"/> the current key, a secret derived from <paramref name="seed"/>.</summary>
    private static string[] Key(string id, int seed) =>
    [
        $"--NetworkHub:Pseudonyms:CurrentKeyId={id}",
        $"--NetworkHub:Pseudonyms:Keys:{id}={Convert.ToBase64String([.. Enumerable.Range(seed, 32).Select(i => (byte)i)])}",
    ];

    /// <summary>What the hub does at start before anything else runs: its initialiser alone.</summary>
    private async Task StartAsync(string[] keys)
    {
        await using var hub = BuildHub(keys);
        await hub.Services.GetServices<IHostedService>().OfType<HubInitializer>().Single().StartAsync(CancellationToken.None);
    }

    private WebApplication BuildHub(params string[] keys) =>
        HubApp.Build([$"--NetworkHub:DataDirectory={_dataDirectory}", "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0", .. keys]);
}
