using System.CommandLine;
using System.Text.RegularExpressions;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Broker;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Registry;

namespace NetworkHub.Cli;

/// <summary>
/// The partner registry and each partner's access to the broker: its user, permissions, limits, queues and queue policy,
/// through the management API (<see cref="PartnerProvisioning"/>) or written as a definitions file. A new or rotated
/// password is printed here once and nowhere else.
/// </summary>
internal static partial class PartnerCommands
{
    public static Command Create(CliContext cli) => new("partners", """
        The partner registry: the organisations that exchange messages through the hub (from the hub's configuration,
        NetworkHub:Organisations, and those added here), and each one's access to the broker.
        """)
    {
        List(cli),
        Add(cli),
        Change(cli, "disable", """
            Withdraw a partner's permissions on the broker and close its connections, at once: it can no longer send or
            receive. Messages for it wait in its queue. It stays disabled, also through partners provision, until enabled.
            """, code => new ProvisioningRequests { Disable = Set(code) }),
        Change(cli, "enable", "Give a disabled partner its permissions on the broker back; its password is unchanged.",
            code => new ProvisioningRequests { Enable = Set(code) }),
        Change(cli, "rotate", """
            Give a partner's broker user a new password (its credential), printed here once, and close the connections
            opened with the old one: the old password stops working at once. Hand the new one to the partner.
            """, code => new ProvisioningRequests { Rotate = Set(code) }),
        Provision(cli),
    };

    private static Command List(CliContext cli)
    {
        var list = new Command("list", """
            Every registered partner: its code, name, type, broker user and whether it is enabled on the broker (asked of the
            broker's management API when the hub runs on RabbitMQ). Nothing personal.
            """);
        list.SetAction(async (_, ct) =>
        {
            var organisations = await OrganisationsAsync(cli, ct);
            var (enabled, exit) = cli.Options.RabbitMqUri is null
                ? (new Dictionary<string, string>(), ExitCodes.Ok)
                : await EnabledOnBrokerAsync(cli, organisations, ct);
            cli.Line($"{organisations.Count} partner(s):");
            if (organisations.Count > 0)
            {
                cli.Table(["Code", "Name", "Type", "Broker user", "Enabled"], organisations.OrderBy(o => o.Code, StringComparer.Ordinal).Select(o => new[]
                {
                    o.Code, o.Name, o.Type.ToString(), o.BrokerUser, o.BrokerUser is null ? "no broker user" : enabled.GetValueOrDefault(o.Code, "-"),
                }));
            }

            if (cli.Options.RabbitMqUri is null)
            {
                cli.Line("No broker is configured (NetworkHub:RabbitMqUri): partners connect in-process, and enabling applies to a broker only.");
            }

            return exit;
        });
        return list;
    }

    /// <summary>Per partner with a broker user: "yes", "disabled" (a user without permissions), "no user" or, when the broker cannot be asked, "?".</summary>
    private static async Task<(Dictionary<string, string> Enabled, int Exit)> EnabledOnBrokerAsync(
        CliContext cli, IReadOnlyList<RegisteredOrganisation> organisations, CancellationToken ct)
    {
        var enabled = new Dictionary<string, string>(StringComparer.Ordinal);
        var exit = await BrokerAsync(cli, async () =>
        {
            var plan = PartnerBrokerPlan.For(cli.Options.RequireRabbitMqUri(), organisations, cli.Options.PartnerBroker);
            using var api = cli.Options.OpenBrokerManagement();
            foreach (var partner in plan.Partners)
            {
                enabled[partner.Code] = !await api.UserExistsAsync(partner.User, ct) ? "no user (partners provision creates it)"
                    : await api.HasPermissionsAsync(plan.VirtualHost, partner.User, ct) ? "yes"
                    : "disabled";
            }

            return ExitCodes.Ok;
        }, "Could not ask the broker which partners are enabled");
        return (exit == ExitCodes.Ok ? enabled : organisations.ToDictionary(o => o.Code, _ => "?"), exit);
    }

    private static Command Add(CliContext cli)
    {
        var code = new Argument<string>("code")
        {
            Description = "The organisation's code: lower-case letters, digits and hyphens (e.g. gemeente-zwolle-jeugd). It names the partner's queues and is what other partners address.",
        };
        code.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && !CodePattern().IsMatch(token.Value))
            {
                result.AddError($"'{token.Value}' is not an organisation code: use lower-case letters, digits and single hyphens (e.g. gemeente-zwolle-jeugd).");
            }
        });
        var name = new Option<string>("--name") { Description = "The organisation's name, as partners see it.", Required = true };
        var type = CliOptions.Enum<OrganisationType>("--type",
            "What kind of organisation it is; decides which messages it may send and receive (e.g. Wijkteam: sociaal wijkteam; VeiligThuis: the reporting centre for domestic violence and child abuse; GecertificeerdeInstelling: carries out child-protection orders).");
        type.Required = true;
        type.HelpName = "type";
        var brokerUser = new Option<string>("--broker-user")
        {
            Description = "The RabbitMQ user the partner connects as; the broker-validated user-id identifies it to the hub. Without one it cannot connect over RabbitMQ.",
            HelpName = "user",
        };
        var add = new Command("add", """
            Register a new partner in the hub's database (the configuration's partners are registered at the hub's start).
            The hub opens the partner's ingress at its next start: restart it afterwards. Then partners provision creates the
            partner's broker user and prints its password once.
            """) { code, name, type, brokerUser };
        add.SetAction((parsed, ct) => AddAsync(cli,
            new RegisteredOrganisation(parsed.GetRequiredValue(code), parsed.GetRequiredValue(name), parsed.GetValue(type), parsed.GetValue(brokerUser)), ct));
        return add;
    }

    private static async Task<int> AddAsync(CliContext cli, RegisteredOrganisation partner, CancellationToken ct)
    {
        await using var db = cli.OpenDatabase();
        if (!await db.Database.CanConnectAsync(ct) || (await SchemaMigrator.PendingMigrationsAsync(db, ct)).Count > 0)
        {
            cli.Error("The hub's database is not there or not at this release's schema: run `networkhub db migrate` (or start the hub) first.");
            return ExitCodes.UsageError;
        }

        var registry = new OrganisationRegistry();
        await registry.ReloadAsync(db, ct);
        var known = Configured(cli).Concat(registry.All).ToList();
        if (known.Any(o => o.Code == partner.Code))
        {
            cli.Error($"{partner.Code} is registered already (see partners list).");
            return ExitCodes.UsageError;
        }

        if (partner.BrokerUser is { } user && known.FirstOrDefault(o => o.BrokerUser == user) is { } holder)
        {
            cli.Error($"Broker user {user} is {holder.Code}'s: every partner has a broker user of its own.");
            return ExitCodes.UsageError;
        }

        await registry.UpsertAsync(db, [partner], ct);
        cli.Success($"Registered {partner.Code} ({partner.Name}, {partner.Type}).");
        cli.Line($"The hub opens its ingress (hub.ingress.{partner.Code}) at its next start: restart the hub before the partner sends.");
        cli.Line(partner.BrokerUser is null
            ? "It has no broker user, so it cannot connect over RabbitMQ."
            : $"Run `networkhub partners provision` to create broker user {partner.BrokerUser} (its password is shown once), then hand that to the partner.");
        return ExitCodes.Ok;
    }

    private static Command Change(CliContext cli, string verb, string description, Func<string, ProvisioningRequests> request)
    {
        var code = new Argument<string>("code") { Description = "The partner's organisation code, as partners list shows it." };
        var command = new Command(verb, description) { code };
        command.SetAction(async (parsed, ct) =>
        {
            var wanted = parsed.GetRequiredValue(code);
            if ((await OrganisationsAsync(cli, ct)).FirstOrDefault(o => o.Code == wanted) is not { } partner)
            {
                cli.Error($"No partner {wanted} is registered (see partners list).");
                return ExitCodes.UsageError;
            }

            if (partner.BrokerUser is null)
            {
                cli.Error($"{wanted} has no broker user: there is nothing to {verb} on the broker.");
                return ExitCodes.UsageError;
            }

            return await BrokerAsync(cli, async () =>
            {
                var plan = PartnerBrokerPlan.For(cli.Options.RequireRabbitMqUri(), [partner], cli.Options.PartnerBroker);
                using var api = cli.Options.OpenBrokerManagement();
                var result = (await new PartnerProvisioning(api).ApplyAsync(plan, request(wanted), ct)).Single();
                if (result.Change == PartnerUserChange.StaysDisabled)
                {
                    cli.Error($"{wanted} is disabled: nothing was changed. `networkhub partners enable {wanted}` gives its permissions back first.");
                    return ExitCodes.UsageError;
                }

                cli.Line(verb == "enable" && result.Change == PartnerUserChange.Unchanged
                    ? $"{wanted} (broker user {partner.BrokerUser}): enabled: its permissions are back; its password is unchanged"
                    : Line(result));
                return ExitCodes.Ok;
            }, "Not done");
        });
        return command;
    }

    private static Command Provision(CliContext cli)
    {
        Option<string> Codes(string name, string description) => new(name) { Description = description, HelpName = "code,..." };
        var rotate = Codes("--rotate", "Partners whose broker user gets a new password, printed once; their connections are closed.");
        var disable = Codes("--disable", "Partners whose permissions are withdrawn and whose connections are closed (as partners disable).");
        var enable = Codes("--enable", "Disabled partners to give their permissions back (as partners enable).");
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

        using var api = options.OpenBrokerManagement();
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

    private static HashSet<string> Set(string code) => new(StringComparer.Ordinal) { code };

    private static HashSet<string> Split(string? codes) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static string Line(PartnerProvisioned result) => $"{result.Partner.Code} (broker user {result.Partner.User}): " + result.Change switch
    {
        PartnerUserChange.Created => $"created; password, shown only now: {result.NewPassword}",
        PartnerUserChange.Rotated => $"new password, shown only now: {result.NewPassword}; {result.ConnectionsClosed} connection(s) closed",
        PartnerUserChange.Disabled => $"disabled: permissions withdrawn, {result.ConnectionsClosed} connection(s) closed",
        PartnerUserChange.StaysDisabled => $"disabled, left so (networkhub partners enable {result.Partner.Code} gives its permissions back)",
        PartnerUserChange.Missing => "no such user",
        _ => "up to date",
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
