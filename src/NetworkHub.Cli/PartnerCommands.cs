using System.CommandLine;
using NetworkHub.Core.Broker;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Registry;

namespace NetworkHub.Cli;

/// <summary>
/// The partner registry and each partner's access to the broker: its user, permissions, limits, queues and queue policy,
/// through the management API (<see cref="PartnerProvisioning"/>) or written as a definitions file. A new or rotated
/// password is printed here once and nowhere else.
/// </summary>
internal static class PartnerCommands
{
    public static Command Create(CliContext cli) => new("partners", """
        The partner registry: the organisations that exchange messages through the hub (from the hub's configuration,
        NetworkHub:Organisations), and each one's access to the broker.
        """)
    {
        Provision(cli),
    };

    private static Command Provision(CliContext cli)
    {
        Option<string> Codes(string name, string description) => new(name) { Description = description, HelpName = "code,..." };
        var rotate = Codes("--rotate", "Partners whose broker user gets a new password, printed once; their connections are closed.");
        var disable = Codes("--disable", "Partners whose permissions are withdrawn and whose connections are closed.");
        var enable = Codes("--enable", "Disabled partners to give their permissions back.");
        var emit = new Option<string>("--emit")
        {
            Description = "Write the same as a RabbitMQ definitions file (the configured partners, new passwords printed once) instead of calling the broker.",
            HelpName = "path",
        };
        var provision = new Command("provision", """
            Bring the broker to what every registered partner needs: its user (created with a password printed once; never
            reset unless rotated), permissions on its own ingress and queue only, limits, queues and the queue policy.
            Running it again changes nothing. Exit 3 if the broker refused.
            """) { rotate, disable, enable, emit };
        provision.Validators.Add(command =>
        {
            if (command.GetResult(emit) is not null && new[] { rotate, disable, enable }.Any(o => command.GetResult(o) is not null))
            {
                command.AddError("--emit writes a definitions file for new brokers: it takes no --rotate, --disable or --enable.");
            }
        });
        provision.SetAction((parsed, ct) => BrokerAsync(cli, () => parsed.GetValue(emit) is { } path
            ? EmitAsync(cli, path)
            : ApplyAsync(cli, new ProvisioningRequests
            {
                Rotate = Split(parsed.GetValue(rotate)), Disable = Split(parsed.GetValue(disable)), Enable = Split(parsed.GetValue(enable)),
            }, ct), "Provisioning failed"));
        return provision;
    }

    private static async Task<int> EmitAsync(CliContext cli, string path)
    {
        var organisations = Configured(cli);
        var options = cli.Options;
        var plan = ReportSkipped(cli, PartnerBrokerPlan.For(options.RequireRabbitMqUri(), organisations, options.PartnerBroker), organisations);
        var hubPassword = Uri.UnescapeDataString(options.RequireRabbitMqUri().UserInfo.Split(':', 2) is [_, var password] ? password : "");
        var (json, partners) = BrokerDefinitionsFile.Write(plan, hubPassword);
        await File.WriteAllTextAsync(path, json);
        cli.Line($"Wrote {path}: {partners.Count} partner(s) on virtual host {plan.VirtualHost}.");
        foreach (var partner in partners)
        {
            cli.Line(Line(partner));
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ApplyAsync(CliContext cli, ProvisioningRequests requests, CancellationToken ct)
    {
        var organisations = await OrganisationsAsync(cli, ct);
        var options = cli.Options;
        var plan = ReportSkipped(cli, PartnerBrokerPlan.For(options.RequireRabbitMqUri(), organisations, options.PartnerBroker), organisations);
        var unknown = requests.Rotate.Concat(requests.Disable).Concat(requests.Enable).Where(c => plan.Partners.All(p => p.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            cli.Error($"Not a partner with a broker user: {string.Join(", ", unknown)}.");
            return ExitCodes.UsageError;
        }

        using var api = new BrokerManagementApi(options.RequireBrokerManagementUri());
        var results = await new PartnerProvisioning(api).ApplyAsync(plan, requests, ct);
        cli.Line($"Provisioned {results.Count} partner(s) on virtual host {plan.VirtualHost}.");
        foreach (var result in results)
        {
            cli.Line(Line(result));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Runs work on the broker; a refusal, an unreachable broker or missing broker settings is a red line and exit 3.</summary>
    private static async Task<int> BrokerAsync(CliContext cli, Func<Task<int>> work, string failed)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is BrokerProvisioningException or HttpRequestException or InvalidOperationException or ArgumentException)
        {
            cli.Error($"{failed}: {e.Message}");
            return ExitCodes.BrokerRefused;
        }
    }

    private static List<RegisteredOrganisation> Configured(CliContext cli) => cli.Options.Organisations.Select(o => o.ToRegistered()).ToList();

    /// <summary>The configured organisations and those the hub has registered in its database (configuration wins).</summary>
    private static async Task<List<RegisteredOrganisation>> OrganisationsAsync(CliContext cli, CancellationToken ct)
    {
        var configured = Configured(cli);
        await using var db = cli.OpenDatabase();
        var registry = new OrganisationRegistry();
        if (await db.Database.CanConnectAsync(ct) && (await SchemaMigrator.PendingMigrationsAsync(db, ct)).Count == 0)
        {
            await registry.ReloadAsync(db, ct);
        }

        return [.. configured, .. registry.All.Where(r => configured.All(c => c.Code != r.Code))];
    }

    private static PartnerBrokerPlan ReportSkipped(CliContext cli, PartnerBrokerPlan plan, IEnumerable<RegisteredOrganisation> organisations)
    {
        foreach (var skipped in organisations.Where(o => plan.Partners.All(p => p.Code != o.Code)))
        {
            cli.Line($"{skipped.Code}: no broker user registered (Organisations:N:BrokerUser), skipped.");
        }

        return plan;
    }

    private static HashSet<string> Split(string? codes) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

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
