using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace NetworkHub.Testing;

/// <summary>
/// A PostgreSQL server for integration specs: a private instance owned by this process (own data
/// folder, port and socket folder, so tests may kill and restart it), or the server named by
/// <c>POSTGRES_URL</c>.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string FolderPrefix = "networkhub-postgres-";
    private const string Superuser = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly PostgresServerOptions _options;
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly string? _bin;
    private readonly ConcurrentDictionary<string, byte> _handedOut = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _createdOnExternal = new(StringComparer.Ordinal);
    private bool _disposed;

    private PostgresServer(PostgresServerOptions options, string workingDirectory, string bin)
    {
        _options = options;
        _bin = bin;
        WorkingDirectory = workingDirectory;
        _server = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = FreePorts.Pick(),
            Username = Superuser,
            Database = "postgres",
            IncludeErrorDetail = true,
        };
    }

    private PostgresServer(PostgresServerOptions options, string externalConnectionString)
    {
        _options = options;
        _server = new NpgsqlConnectionStringBuilder(externalConnectionString);
        IsRunning = true;
    }

    /// <summary>True when this process owns the server and may stop, kill and restart it.</summary>
    public bool IsPrivate => WorkingDirectory is not null;

    public string Host => _server.Host ?? "localhost";

    public int Port => _server.Port;

    public string? WorkingDirectory { get; }

    public string? DataDirectory => WorkingDirectory is null ? null : Path.Combine(ServerFolder, "data");

    /// <summary>The server log; the first place to look when a spec misbehaves.</summary>
    public string? LogFile => WorkingDirectory is null ? null : Path.Combine(ServerFolder, "postgres.log");

    public bool IsRunning { get; private set; }

    /// <summary>How long the most recent start or restart took (initdb not included).</summary>
    public TimeSpan LastStartDuration { get; private set; }

    /// <summary>How long initdb took for a private server.</summary>
    public TimeSpan InitDuration { get; private set; }

    private string ServerFolder => Path.Combine(WorkingDirectory!, "pg");

    private string SocketFolder => Path.Combine(ServerFolder, "sock");

    private bool RunsAsSystemUser => Environment.IsPrivilegedProcess;

    /// <summary>Creates and starts a private server (initdb + pg_ctl), or wraps <c>POSTGRES_URL</c>.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        if (options.ExternalConnectionString is { } external)
        {
            return new PostgresServer(options, external);
        }

        var bin = LocateBin(options);
        TestFolders.SweepOrphans(FolderPrefix, StopLeftovers);
        var server = new PostgresServer(options, TestFolders.Create(FolderPrefix), bin);
        try
        {
            await server.InitAsync(cancellationToken);
            try
            {
                await server.LaunchAsync(cancellationToken);
            }
            catch (PostgresStartException) when (!cancellationToken.IsCancellationRequested)
            {
                // Most likely another process took the port between picking and binding.
                server._server.Port = FreePorts.Pick();
                await server.LaunchAsync(cancellationToken);
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connection string for <paramref name="database"/> as the superuser (or the POSTGRES_URL user).</summary>
    public string ConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database };
        var connectionString = builder.ConnectionString;
        _handedOut.TryAdd(connectionString, 0);
        return connectionString;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscores).", nameof(name));
        }

        await ExecuteOnMaintenanceDatabaseAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        if (!IsPrivate)
        {
            _createdOnExternal.TryAdd(name, 0);
        }

        return ConnectionString(name);
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        CreateDatabaseAsync("test_" + Guid.NewGuid().ToString("N")[..12], cancellationToken);

    /// <summary>Clean shutdown (<c>pg_ctl stop -m fast</c>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        EnsurePrivate("stop");
        if (!IsRunning)
        {
            return;
        }

        await RunToolAsync("pg_ctl", ["-D", DataDirectory!, "-m", "fast", "-w", "stop"], cancellationToken);
        IsRunning = false;
        ClearPools();
    }

    /// <summary>
    /// Crash: SIGKILL the postmaster and its backends at once (as when the machine or container dies)
    /// and wait until they are gone.
    /// </summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        EnsurePrivate("kill");
        if (!IsRunning)
        {
            throw new InvalidOperationException("The PostgreSQL server is not running.");
        }

        var postmaster = RunningPostmasterPid()
            ?? throw new InvalidOperationException($"No live postmaster behind {DataDirectory}/postmaster.pid.");
        await KillTreeAsync(postmaster, cancellationToken);
        RemoveStaleLockFiles();
        IsRunning = false;
        ClearPools();
    }

    /// <summary>Starts the server again after a stop or kill: same port, same data.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        EnsurePrivate("restart");
        if (IsRunning)
        {
            throw new InvalidOperationException("The PostgreSQL server is still running; stop or kill it first.");
        }

        await LaunchAsync(cancellationToken);
        ClearPools();
    }

    /// <summary>Starts the server again if a previous spec left it stopped or killed.</summary>
    public Task EnsureRunningAsync(CancellationToken cancellationToken = default) =>
        IsRunning ? Task.CompletedTask : StartAgainAsync(cancellationToken);

    /// <summary>Stops and deletes a private server; on an external server, drops the databases created here.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        ClearPools();
        if (!IsPrivate)
        {
            _disposed = true;
            await DropCreatedDatabasesAsync();
            return;
        }

        if (IsRunning)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await StopAsync(timeout.Token);
            }
            catch (Exception e) when (e is CommandFailedException or TimeoutException or OperationCanceledException)
            {
                // Fall through to the hard stop below.
            }
        }

        if (RunningPostmasterPid() is { } postmaster)
        {
            try
            {
                await KillTreeAsync(postmaster, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // Leave it to the orphan sweep of the next run rather than failing a dispose.
            }
        }

        IsRunning = false;
        _disposed = true;
        TestFolders.Delete(WorkingDirectory!);
    }

    public override string ToString() => $"PostgreSQL {Host}:{Port}{(IsPrivate ? " (private)" : string.Empty)}";

    private static string LocateBin(PostgresServerOptions options)
    {
        if (options.BinDirectory is { } configured)
        {
            return configured;
        }

        var newest = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Directory, "initdb")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Directory)
                .FirstOrDefault()
            : null;
        return newest ?? throw new FileNotFoundException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Install Debian's postgresql " +
            $"(build/test.sh does this when run as root) or set {PostgresServerOptions.ConnectionStringVariable} to an existing server.");
    }

    private static void StopLeftovers(string directory)
    {
        var pidFile = Path.Combine(directory, "pg", "data", "postmaster.pid");
        if (UnixProcess.ReadPidFile(pidFile) is { } pid
            && UnixProcess.IsRunning(pid)
            && UnixProcess.CommandLine(pid).Contains(directory, StringComparison.Ordinal))
        {
            KillTreeAsync(pid, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private static async Task KillTreeAsync(int postmaster, CancellationToken cancellationToken)
    {
        // Children first collected, then everything killed together: backends outliving the
        // postmaster would keep the shared memory attached and block the restart.
        var pids = UnixProcess.ChildrenOf(postmaster).Prepend(postmaster).ToList();
        pids.ForEach(UnixProcess.Kill);
        await UnixProcess.WaitUntilGoneAsync(pids, ExitTimeout, cancellationToken);
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        // The postgres account must be able to reach its folder inside our temp folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(WorkingDirectory!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                                    | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        Directory.CreateDirectory(SocketFolder);
        if (RunsAsSystemUser)
        {
            await ProcessRunner.RunCheckedAsync(
                "chown", ["-R", $"{_options.SystemUser}:{_options.SystemUser}", ServerFolder], null, ToolTimeout, cancellationToken);
        }

        await RunToolAsync(
            "initdb",
            ["-D", DataDirectory!, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            cancellationToken);
        InitDuration = started.Elapsed;
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        // fsync=off only matters for power loss; a SIGKILL still leaves every committed write in the
        // OS page cache, so crash-and-restart specs keep their meaning.
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = "127.0.0.1",
            ["fsync"] = "off",
            ["full_page_writes"] = "off",
        };
        foreach (var (name, value) in _options.Settings)
        {
            settings[name] = value;
        }

        var serverOptions = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k '{SocketFolder}' "
                            + string.Join(' ', settings.Select(s => $"-c {s.Key}='{s.Value}'"));
        var result = await RunToolUncheckedAsync(
            "pg_ctl",
            ["-D", DataDirectory!, "-l", LogFile!, "-w", "-t", ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
             "-o", serverOptions, "start"],
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new PostgresStartException(
                $"PostgreSQL on port {Port} did not start (pg_ctl exit code {result.ExitCode}): {result.StandardError.Trim()} {result.StandardOutput.Trim()}" +
                $"{Environment.NewLine}--- server log {LogFile}:{Environment.NewLine}{TestFolders.Tail(LogFile!)}");
        }

        IsRunning = true;
        LastStartDuration = started.Elapsed;
    }

    private void RemoveStaleLockFiles()
    {
        // After a SIGKILL the postmaster may linger as a zombie until init reaps it, and PostgreSQL
        // takes a lock file naming a pid that still "exists" as a live server. Every process is known
        // to be dead at this point, so the lock files are stale.
        File.Delete(Path.Combine(DataDirectory!, "postmaster.pid"));
        File.Delete(Path.Combine(SocketFolder, $".s.PGSQL.{Port.ToString(CultureInfo.InvariantCulture)}.lock"));
    }

    private int? RunningPostmasterPid() =>
        UnixProcess.ReadPidFile(Path.Combine(DataDirectory!, "postmaster.pid")) is { } pid
        && UnixProcess.IsRunning(pid)
        && UnixProcess.CommandLine(pid).Contains(DataDirectory!, StringComparison.Ordinal)
            ? pid
            : null;

    private async Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunToolUncheckedAsync(tool, arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(ProcessRunner.Describe(tool, arguments), result);
        }
    }

    private Task<CommandResult> RunToolUncheckedAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_bin!, tool);
        return RunsAsSystemUser
            ? ProcessRunner.RunAsync("runuser", ["-u", _options.SystemUser, "--", path, .. arguments], null, ToolTimeout, cancellationToken, ServerFolder)
            : ProcessRunner.RunAsync(path, arguments, null, ToolTimeout, cancellationToken, ServerFolder);
    }

    private async Task ExecuteOnMaintenanceDatabaseAsync(string sql, CancellationToken cancellationToken)
    {
        // Unpooled, so no idle connection to the maintenance database outlives this call.
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Pooling = false };
        if (IsPrivate || string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task DropCreatedDatabasesAsync()
    {
        foreach (var name in _createdOnExternal.Keys)
        {
            try
            {
                await ExecuteOnMaintenanceDatabaseAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // Best effort: a leftover test database is no reason to fail a run.
            }
        }
    }

    private void ClearPools()
    {
        // Pooled connections to a killed or stopped server are dead; drop them so the next open
        // connects afresh instead of failing on a broken socket.
        foreach (var connectionString in _handedOut.Keys)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private void EnsurePrivate(string action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsPrivate)
        {
            throw new NotSupportedException(
                $"Cannot {action} the database server: {PostgresServerOptions.ConnectionStringVariable} points at a server this " +
                $"process does not own. Unset {PostgresServerOptions.ConnectionStringVariable} to run this against a private server.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
