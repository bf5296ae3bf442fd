using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using NetworkHub.Core.Hosting;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetworkHub.Cli;

/// <summary>
/// What every command of one run shares: the hub's configuration, the console it writes to and the clock that dates
/// what operators do (as the hub's clock dates what the hub does).
/// </summary>
public sealed class CliContext
{
    private readonly Lazy<HubOptions> _options;
    private readonly IAnsiConsole? _progressConsole;

    public CliContext(IConfiguration settings, TextWriter output, TimeProvider clock)
    {
        Settings = settings;
        IsTerminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = CreateConsole(output, IsTerminal);
        // Output sent to a file (export > file.csv) still shows its progress on the terminal, through standard error.
        _progressConsole = IsTerminal ? Console
            : ReferenceEquals(output, System.Console.Out) && !System.Console.IsErrorRedirected ? CreateConsole(System.Console.Error, terminal: true)
            : null;
        Clock = clock;
        // Bound on first use, so that --help and usage errors never depend on the configuration being valid.
        _options = new(() =>
        {
            try
            {
                return settings.GetSection(HubOptions.SectionName).Get<HubOptions>() ?? new HubOptions();
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"The configuration is not valid: {e.Message}");
            }
        });
    }

    public IConfiguration Settings { get; }
    public HubOptions Options => _options.Value;
    public IAnsiConsole Console { get; }
    public TimeProvider Clock { get; }
    public bool IsTerminal { get; }

    /// <summary>Help is wrapped at the terminal's width, elsewhere at a width that reads well in a file.</summary>
    public int HelpWidth => IsTerminal ? Console.Profile.Width : 120;

    /// <summary>
    /// Colours, cursor movement and the progress bar only on a terminal; anything else (a file, a pipe, a spec's
    /// <see cref="StringWriter"/>) gets plain text, with tables as wide as their rows so that no cell is wrapped.
    /// </summary>
    private static IAnsiConsole CreateConsole(TextWriter output, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
        {
            console.Profile.Width = 1000;
        }

        return console;
    }

    /// <summary>The hub's database, opened as the hub opens it.</summary>
    public HubDbContext OpenDatabase(Action<DbContextOptionsBuilder<HubDbContext>>? configure = null)
    {
        var builder = new DbContextOptionsBuilder<HubDbContext>();
        try
        {
            builder.UseHubDatabase(Options);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }

        configure?.Invoke(builder);
        return new HubDbContext(builder.Options);
    }

    /// <summary>The hub's own keys, checked against the database; null (with the reason written) when the tool cannot have them.</summary>
    public async Task<Pseudonymizer?> KeysAsync(HubDbContext db, CancellationToken ct)
    {
        try
        {
            var pseudonymizer = new Pseudonymizer(PseudonymKeys.ResolveExisting(Settings, Options));
            if (await new PseudonymKeyRegister(db).FindMismatchAsync(pseudonymizer, ct) is not { } mismatch)
            {
                return pseudonymizer;
            }

            Error(mismatch);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            Error(e.Message);
        }

        return null;
    }

    /// <summary>
    /// Runs long work with a progress bar on a terminal (on standard error when the output goes to a file); <paramref name="work"/>
    /// reports (done, total).
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string description, Func<Action<long, long>, Task<T>> work)
    {
        if (_progressConsole is not { Profile.Capabilities.Interactive: true } progressConsole)
        {
            return await work((_, _) => { });
        }

        return await progressConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: 1);
                var result = await work((done, total) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                });
                task.Value = task.MaxValue;
                return result;
            });
    }

    public void Line(string text) => Console.WriteLine(text);

    /// <summary>Text as it is (CSV), never styled or wrapped.</summary>
    public void Raw(string text) => Console.Profile.Out.Writer.Write(text);

    public void Success(string text) => Console.Write(new Text(text + "\n", new Style(Color.Green)));

    /// <summary>A red line that says what went wrong.</summary>
    public void Error(string text) => Console.Write(new Text(text + "\n", new Style(Color.Red)));

    /// <summary>A table of plain text cells (never read as markup: summaries and notes may hold brackets).</summary>
    public void Table(IEnumerable<string> columns, IEnumerable<IEnumerable<string?>> rows)
    {
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "-")).ToArray());
        }

        Console.Write(table);
    }
}

/// <summary>A command asked for something it cannot do as given: written as an error line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
