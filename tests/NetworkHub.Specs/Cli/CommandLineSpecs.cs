using System.CommandLine;
using Microsoft.Extensions.Configuration;
using NetworkHub.Cli;

namespace NetworkHub.Specs.Cli;

/// <summary>
/// The operator tool's command tree: every command explains itself in its help, and a command line it cannot run is a
/// usage error that names the problem (exit 2), never a stack trace. None of this touches a database or a broker.
/// </summary>
public sealed class CommandLineSpecs
{
    private static readonly Command Root = NetworkHubCommand.Create(new CliContext(new ConfigurationBuilder().Build(), TextWriter.Null, TimeProvider.System));

    private static readonly string[] Paths = [.. Walk(Root, []).Select(c => string.Join(' ', c.Path))];

    public static TheoryData<string> Commands => [.. Paths];

    [Fact]
    public void The_commands_operators_scripts_and_the_docs_name_are_all_there()
    {
        string[] named =
        [
            "audit verify", "audit received", "alerts list", "alerts ack", "alerts resolve", "quarantine list", "quarantine replay", "outbox parked", "outbox retry",
            "consent withdraw", "keys rekey", "partners list", "partners add", "partners disable", "partners enable", "partners rotate",
            "partners provision", "db migrate", "reviews list", "reviews decide",
        ];

        Assert.Subset(Paths.ToHashSet(), named.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_describes_itself_and_its_options_and_its_help_exits_0(string command)
    {
        var (_, symbol) = Walk(Root, []).Single(c => string.Join(' ', c.Path) == command);
        var (help, exit) = await RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.False(string.IsNullOrWhiteSpace(symbol.Description), $"'{command}' has no description.");
        Assert.All(symbol.Options.Cast<Symbol>().Concat(symbol.Arguments), s => Assert.False(string.IsNullOrWhiteSpace(s.Description), $"{s.Name} of '{command}' has no description."));
        Assert.Contains(string.Join(' ', symbol.Description!.Split(' ').Take(4)), help, StringComparison.Ordinal);
        Assert.Contains($"Usage:\n  {string.Join(' ', ["networkhub", .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)])}".TrimEnd(), help.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("--NetworkHub:Database=PostgreSql", help, StringComparison.Ordinal); // how configuration is given
    }

    [Theory]
    [InlineData("'snooze'", "alerts", "snooze", "12")]
    [InlineData("'--fast'", "audit", "verify", "--fast")]
    [InlineData("Option '--recorded-by' is required", "consent", "withdraw", "toestemming-0042", "--by", "anna", "--reason", "ingetrokken")]
    [InlineData("'abc' is not a number", "alerts", "ack", "abc", "--by", "anna")]
    [InlineData("--max takes a whole number above 0, not 'veel'", "quarantine", "list", "--max", "veel")]
    [InlineData("'NH999' is not a return code", "quarantine", "replay", "--code", "NH999", "--by", "anna")]
    [InlineData("--rate takes a number of messages per second above 0", "quarantine", "replay", "--rate", "0", "--by", "anna")]
    [InlineData("--from takes a date or a date and time", "quarantine", "replay", "--from", "gisteren", "--by", "anna")]
    [InlineData("The batch size must be 1 to 500", "quarantine", "replay", "--batch", "501", "--by", "anna")]
    [InlineData("Option '--by' is required", "quarantine", "replay", "--dry-run")]
    [InlineData("'sleeping' is not a value of --state; use one of: open, acknowledged, resolved", "alerts", "list", "--state", "sleeping")]
    [InlineData("'2' is not a value of --state", "alerts", "list", "--state", "2")]
    [InlineData("'Gemeentehuis' is not a value of --type; use one of: Wijkteam, VeiligThuis", "partners", "add", "gemeente-x", "--name", "X", "--type", "Gemeentehuis")]
    [InlineData("'Gemeente X' is not an organisation code", "partners", "add", "Gemeente X", "--name", "X", "--type", "Wijkteam")]
    [InlineData("Name the person by --bsn", "audit", "received", "--reference", "leerling-0042", "--by", "anna", "--reason", "inzage")]
    [InlineData("Option '--reason' is required", "audit", "received", "--bsn", "999990019", "--by", "anna")]
    [InlineData("'maybe' is not a value of --verdict; use one of: justified, not-justified", "reviews", "decide", "3", "--verdict", "maybe", "--note", "x", "--by", "anna")]
    [InlineData("neither a parked message's id nor all", "outbox", "retry", "some")]
    [InlineData("--emit writes a definitions file", "partners", "provision", "--emit", "definitions.json", "--rotate", "school")]
    [InlineData("'Oracle' at 'NetworkHub:Database'", "--NetworkHub:Database=Oracle", "audit", "verify")]
    public async Task A_command_line_the_tool_cannot_run_is_a_usage_error_that_names_the_problem(string named, params string[] args)
    {
        var (output, exit) = await RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(named, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output); // plain text off a terminal: no colour codes
    }

    [Fact]
    public async Task A_database_the_tool_cannot_reach_is_named_as_such_with_exit_4_and_no_stack_trace_or_password()
    {
        var (output, exit) = await RunAsync(["--NetworkHub:Database=PostgreSql",
            "--NetworkHub:ConnectionString=Host=127.0.0.1;Port=1;Username=hub;Password=geheim-wachtwoord;Timeout=2", "alerts", "list"]);

        Assert.Equal(ExitCodes.DatabaseUnavailable, exit);
        Assert.Contains("database could not be reached", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim-wachtwoord", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_its_subcommand_shows_what_it_holds_and_exits_2()
    {
        var (output, exit) = await RunAsync(["partners"]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("Required command was not provided.", output, StringComparison.Ordinal);
        Assert.Contains("rotate <code>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_settings_are_told_apart_from_the_command_line_wherever_they_stand()
    {
        var (commandLine, settings) = NetworkHubCommand.SplitSettings(
            ["--NetworkHub:Database=PostgreSql", "alerts", "resolve", "12", "--by", "anna", "--note=gebeld: opgelost", "--Logging:LogLevel:Default=Warning"]);

        Assert.Equal(["alerts", "resolve", "12", "--by", "anna", "--note=gebeld: opgelost"], commandLine);
        Assert.Equal(["--NetworkHub:Database=PostgreSql", "--Logging:LogLevel:Default=Warning"], settings);
    }

    private static async Task<(string Output, int ExitCode)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        var exit = await NetworkHubCommand.RunAsync(args, output, CancellationToken.None);
        return (output.ToString(), exit);
    }

    private static IEnumerable<(string[] Path, Command Command)> Walk(Command command, string[] path) =>
        command.Subcommands.SelectMany(sub => Walk(sub, [.. path, sub.Name])).Prepend((path, command));
}
