using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Configuration;
using NetworkHub.Core.Ingress;

namespace NetworkHub.Cli;

/// <summary>
/// <c>networkhub</c>, the operator's tool: its command tree, and the one way to run it (Program and the specs call
/// <see cref="RunAsync"/>). Reads the hub's own configuration, database, keys and broker.
/// </summary>
public static class NetworkHubCommand
{
    public const string Name = "networkhub";

    private const string ConfigurationHelp = """
        Configuration:
          The hub's own: appsettings.json in the working directory, NetworkHub__* environment variables, and
          --Section:Key=value anywhere on the line (taken as configuration, not as an option of the command), e.g.
          --NetworkHub:Database=PostgreSql --NetworkHub:ConnectionString="Host=...;Database=networkhub"
        """;

    /// <summary>Runs one command line and returns its exit code (<see cref="ExitCodes"/>); <paramref name="clock"/> (default: the system's) dates what operators do.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct, TimeProvider? clock = null)
    {
        var (commandLine, settings) = SplitSettings(args);
        var cli = new CliContext(new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build(), output, clock ?? TimeProvider.System);
        var root = Create(cli);
        var parsed = root.Parse(commandLine, new ParserConfiguration { ResponseFileTokenReplacer = null }); // "@anna" is a name, not a file to read
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors.Select(e => e.Message).Distinct())
            {
                cli.Error(error);
            }

            var path = CommandPath(parsed.CommandResult);
            if (parsed.CommandResult.Command.Action is null)
            {
                root.Parse([.. path.Skip(1), "--help"]).Invoke(new InvocationConfiguration { Output = output }); // a group without its subcommand: show what it holds
            }
            else
            {
                cli.Line($"See: {string.Join(' ', path)} --help");
            }

            return ExitCodes.UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (UsageException e)
        {
            cli.Error(e.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && IngressFailures.Classify(e) == IngressFailure.Outage)
        {
            // The type only: a driver's message may quote the connection string.
            cli.Error($"The hub's database could not be reached ({e.GetType().Name}); check NetworkHub:Database and NetworkHub:ConnectionString.");
            return ExitCodes.DatabaseUnavailable;
        }
    }

    /// <summary>The whole command tree, its actions bound to <paramref name="cli"/>.</summary>
    public static Command Create(CliContext cli)
    {
        var root = new Command(Name, """
            The operator's tool for the NetworkHub messaging hub: audits of the access log, alerts, quarantined input,
            the outbox, consent withdrawals, pseudonym keys, the partner registry and the database. It works on the hub's
            own database, keys and broker, never on message bodies, and prints nothing personal beyond what a command
            asks for.
            """)
        {
            AuditCommands.Create(cli),
            OperatorCommands.Alerts(cli),
            OperatorCommands.Quarantine(cli),
            OperatorCommands.Outbox(cli),
            OperatorCommands.Consent(cli),
            ReviewCommands.Create(cli),
            KeyCommands.Create(cli),
            PartnerCommands.Create(cli),
            DatabaseCommands.Create(cli),
            HandOverCommands.Create(cli),
            SteeringCommands.Create(cli),
        };
        root.Options.Add(new HelpOption { Action = new HelpWithConfiguration(new HelpAction { MaxWidth = cli.HelpWidth }) });
        Unwrap(root);
        return root;
    }

    /// <summary>Descriptions are written as paragraphs; help wraps them to its own width.</summary>
    private static void Unwrap(Command command)
    {
        command.Description = Unwrapped(command.Description);
        foreach (var symbol in command.Options.Cast<Symbol>().Concat(command.Arguments))
        {
            symbol.Description = Unwrapped(symbol.Description);
        }

        foreach (var subcommand in command.Subcommands)
        {
            Unwrap(subcommand);
        }
    }

    private static string? Unwrapped(string? text) => text?.ReplaceLineEndings(" ").Trim();

    /// <summary>Every command's help, followed by how the tool takes the hub's configuration.</summary>
    private sealed class HelpWithConfiguration(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exit = help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ConfigurationHelp);
            return exit;
        }
    }

    /// <summary>
    /// Tokens of the form --Section:Key=value are configuration (for Microsoft.Extensions.Configuration's command-line
    /// provider, as the hub takes them); everything else is the command line.
    /// </summary>
    public static (string[] CommandLine, string[] Settings) SplitSettings(IEnumerable<string> args)
    {
        var split = args.ToLookup(IsSetting);
        return ([.. split[false]], [.. split[true]]);
    }

    private static bool IsSetting(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) && token.IndexOf(':', StringComparison.Ordinal) is > 2 and var colon
        && token.IndexOf('=', StringComparison.Ordinal) > colon + 1;

    /// <summary>The names from the root to <paramref name="result"/>'s command.</summary>
    private static List<string> CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult command)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        return names;
    }
}
