using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using NetworkHub.Core.Broker;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Hosting;

namespace NetworkHub.Cli;

/// <summary>
/// Partner provisioning on the broker: every registered partner's user, permissions, limits, queues and queue policy,
/// through the management API (<see cref="PartnerProvisioning"/>) or written as a definitions file. A new or rotated
/// password is printed here once and nowhere else.
/// </summary>
public static class PartnerCommands
{
    public const int BrokerRefused = 3;

    public const string Usage = """
          networkhub partners provision [--rotate <code,...>] [--disable <code,...>] [--enable <code,...>]
                                                                     users, permissions, limits, queues and policy of every partner; exit 3 if the broker refused
          networkhub partners provision --emit <path>                the same as a RabbitMQ definitions file (configured organisations), new passwords printed once
        """;

    public static async Task<int> ProvisionAsync(HubOptions options, IConfiguration settings, TextWriter output, CancellationToken ct)
    {
        try
        {
            return settings["emit"] is { Length: > 0 } path
                ? await EmitAsync(options, path, output)
                : await ApplyAsync(options, settings, output, ct);
        }
        catch (Exception e) when (e is BrokerProvisioningException or HttpRequestException or InvalidOperationException)
        {
            await output.WriteLineAsync($"Provisioning failed: {e.Message}");
            return BrokerRefused;
        }
    }

    private static async Task<int> EmitAsync(HubOptions options, string path, TextWriter output)
    {
        var organisations = options.Organisations.Select(o => o.ToRegistered()).ToList();
        var plan = await ReportSkippedAsync(PartnerBrokerPlan.For(options.RequireRabbitMqUri(), organisations, options.PartnerBroker), organisations, output);
        var hubPassword = Uri.UnescapeDataString(options.RequireRabbitMqUri().UserInfo.Split(':', 2) is [_, var password] ? password : "");
        var (json, partners) = BrokerDefinitionsFile.Write(plan, hubPassword);
        await File.WriteAllTextAsync(path, json);
        await output.WriteLineAsync($"Wrote {path}: {partners.Count} partner(s) on virtual host {plan.VirtualHost}.");
        foreach (var partner in partners)
        {
            await output.WriteLineAsync(Line(partner));
        }

        return AuditCommands.Ok;
    }

    private static async Task<int> ApplyAsync(HubOptions options, IConfiguration settings, TextWriter output, CancellationToken ct)
    {
        var organisations = await OrganisationsAsync(options, ct);
        var plan = await ReportSkippedAsync(PartnerBrokerPlan.For(options.RequireRabbitMqUri(), organisations, options.PartnerBroker), organisations, output);
        var requests = new ProvisioningRequests { Rotate = Codes(settings, "rotate"), Disable = Codes(settings, "disable"), Enable = Codes(settings, "enable") };
        var unknown = requests.Rotate.Concat(requests.Disable).Concat(requests.Enable).Where(c => plan.Partners.All(p => p.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            await output.WriteLineAsync($"Not a partner with a broker user: {string.Join(", ", unknown)}.");
            return AuditCommands.UsageError;
        }

        using var api = new BrokerManagementApi(options.RequireBrokerManagementUri());
        var results = await new PartnerProvisioning(api).ApplyAsync(plan, requests, ct);
        await output.WriteLineAsync($"Provisioned {results.Count} partner(s) on virtual host {plan.VirtualHost}.");
        foreach (var result in results)
        {
            await output.WriteLineAsync(Line(result));
        }

        return AuditCommands.Ok;
    }

    /// <summary>The configured organisations and those the hub has registered in its database (configuration wins).</summary>
    private static async Task<List<RegisteredOrganisation>> OrganisationsAsync(HubOptions options, CancellationToken ct)
    {
        var configured = options.Organisations.Select(o => o.ToRegistered()).ToList();
        var builder = new DbContextOptionsBuilder<HubDbContext>();
        builder.UseHubDatabase(options);
        await using var db = new HubDbContext(builder.Options);
        var registry = new OrganisationRegistry();
        if (await db.Database.CanConnectAsync(ct) && !(await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await registry.ReloadAsync(db, ct);
        }

        return [.. configured, .. registry.All.Where(r => configured.All(c => c.Code != r.Code))];
    }

    private static async Task<PartnerBrokerPlan> ReportSkippedAsync(PartnerBrokerPlan plan, IEnumerable<RegisteredOrganisation> organisations, TextWriter output)
    {
        foreach (var skipped in organisations.Where(o => plan.Partners.All(p => p.Code != o.Code)))
        {
            await output.WriteLineAsync($"{skipped.Code}: no broker user registered (Organisations:N:BrokerUser), skipped.");
        }

        return plan;
    }

    private static IReadOnlySet<string> Codes(IConfiguration settings, string key) =>
        (settings[key] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static string Line(PartnerProvisioned result) => $"{result.Partner.Code} (broker user {result.Partner.User}): " + result.Change switch
    {
        PartnerUserChange.Created => $"created; password, shown only now: {result.NewPassword}",
        PartnerUserChange.Rotated => $"new password, shown only now: {result.NewPassword}; {result.ConnectionsClosed} connection(s) closed",
        PartnerUserChange.Disabled => $"disabled: permissions withdrawn, {result.ConnectionsClosed} connection(s) closed",
        PartnerUserChange.StaysDisabled => "disabled, left so (--enable to give its permissions back)",
        PartnerUserChange.Missing => "no such user",
        _ => "up to date",
    };
}
