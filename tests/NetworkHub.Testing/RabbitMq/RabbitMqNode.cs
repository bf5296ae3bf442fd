using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace NetworkHub.Testing;

/// <summary>
/// A RabbitMQ broker for integration specs: a private node owned by this process (own node name,
/// Erlang cookie, epmd, ports and data folder, so tests may stop, kill and restart it), or the
/// broker named by <c>RABBITMQ_URL</c>.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string FolderPrefix = "networkhub-rabbitmq-";
    private const string GuestUser = "guest";
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly RabbitMqNodeOptions _options;
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private readonly ManagementApi? _management;
    private readonly string? _epmdPath;
    private Process? _server;
    private Process? _epmd;
    private bool _disposed;

    private RabbitMqNode(RabbitMqNodeOptions options, string workingDirectory, string epmdPath)
    {
        _options = options;
        _epmdPath = epmdPath;
        WorkingDirectory = workingDirectory;

        var shortName = options.NodeName ?? "nh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        NodeName = shortName + "@localhost";

        var ports = FreePorts.Pick(options.EnableManagement ? 4 : 3);
        EpmdPort = ports[0];
        DistributionPort = ports[1];
        AmqpUri = BuildAmqpUri("127.0.0.1", ports[2], GuestUser, GuestUser, virtualHost: "/");
        if (options.EnableManagement)
        {
            ManagementUri = new Uri($"http://127.0.0.1:{ports[3]}/");
        }

        WriteNodeFiles();
        IsRunning = false;
    }

    private RabbitMqNode(RabbitMqNodeOptions options, Uri amqpUri, Uri? managementUri)
    {
        _options = options;
        NodeName = amqpUri.Host;
        AmqpUri = amqpUri;
        ManagementUri = managementUri;
        if (managementUri is not null)
        {
            _management = new ManagementApi(managementUri);
        }

        IsRunning = true;
    }

    /// <summary>True when this process owns the node and may stop, kill and restart it.</summary>
    public bool IsPrivate => WorkingDirectory is not null;

    /// <summary>Full Erlang node name (<c>name@localhost</c>), or the host of an external broker.</summary>
    public string NodeName { get; }

    /// <summary>AMQP address with the <c>guest</c> user (allowed over loopback: <c>loopback_users = none</c>).</summary>
    public Uri AmqpUri { get; }

    public int AmqpPort => AmqpUri.Port;

    /// <summary>Management UI/API address when enabled (guest/guest), otherwise null.</summary>
    public Uri? ManagementUri { get; }

    public int? EpmdPort { get; }

    public int? DistributionPort { get; }

    /// <summary>Temp folder holding HOME, config, data and logs of a private node.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>The node's own log file; the first place to look when a spec misbehaves.</summary>
    public string? LogFile => WorkingDirectory is null ? null : Path.Combine(WorkingDirectory, "log", "node.log");

    public bool IsRunning { get; private set; }

    /// <summary>How long the most recent start or restart took until <c>check_running</c> passed.</summary>
    public TimeSpan LastStartDuration { get; private set; }

    private string PidFile => Path.Combine(WorkingDirectory!, "rabbit.pid");

    private string ConsoleLog => Path.Combine(WorkingDirectory!, "log", "console.log");

    /// <summary>
    /// Starts a private node (or wraps <c>RABBITMQ_URL</c>). Returns once
    /// <c>rabbitmq-diagnostics check_running</c> passes; a start that loses a port race is retried once
    /// on fresh ports.
    /// </summary>
    public static async Task<RabbitMqNode> StartAsync(RabbitMqNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RabbitMqNodeOptions();
        if (options.ExternalBrokerUrl is { } external)
        {
            var management = options.ExternalManagementUrl is { } url ? new Uri(url) : null;
            return new RabbitMqNode(options, new Uri(external), management);
        }

        var epmdPath = LocateTools(options);
        TestFolders.SweepOrphans(FolderPrefix, StopLeftovers);

        for (var attempt = 1; ; attempt++)
        {
            var node = new RabbitMqNode(options, TestFolders.Create(FolderPrefix), epmdPath);
            try
            {
                await node.StartEpmdAsync(cancellationToken);
                await node.LaunchAsync(cancellationToken);
                return node;
            }
            catch (RabbitMqStartException e) when (attempt == 1 && e.PortInUse && !cancellationToken.IsCancellationRequested)
            {
                // Another process took one of the ports between picking and binding.
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>An AMQP address for another user (and optionally another virtual host) on this broker.</summary>
    public Uri AmqpUriFor(string user, string password, string virtualHost = "/") =>
        BuildAmqpUri(AmqpUri.Host, AmqpUri.Port, user, password, virtualHost);

    /// <summary>Clean shutdown: <c>rabbitmqctl stop &lt;pidfile&gt;</c>, which waits for the VM to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        EnsurePrivate("stop");
        if (!IsRunning)
        {
            return;
        }

        await RunCtlAsync(["stop", PidFile], cancellationToken);
        await WaitForServerExitAsync(cancellationToken);
        IsRunning = false;
    }

    /// <summary>Crash: SIGKILL the Erlang VM (pid from the pid file) and wait until it is gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        EnsurePrivate("kill");
        if (!IsRunning)
        {
            throw new InvalidOperationException($"Node {NodeName} is not running.");
        }

        var pid = RunningBeamPid()
            ?? throw new InvalidOperationException($"Node {NodeName} has no live VM behind its pid file {PidFile}.");
        UnixProcess.Kill(pid);
        await UnixProcess.WaitUntilGoneAsync([pid], ExitTimeout, cancellationToken);
        await WaitForServerExitAsync(cancellationToken);
        IsRunning = false;
    }

    /// <summary>Starts the node again after a stop or kill: same name, ports, cookie and data.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        EnsurePrivate("restart");
        if (IsRunning)
        {
            throw new InvalidOperationException($"Node {NodeName} is still running; stop or kill it first.");
        }

        await LaunchAsync(cancellationToken);
    }

    /// <summary>Starts the node again if a previous spec left it stopped or killed.</summary>
    public Task EnsureRunningAsync(CancellationToken cancellationToken = default) =>
        IsRunning ? Task.CompletedTask : StartAgainAsync(cancellationToken);

    /// <summary>Runs <c>rabbitmqctl</c> against this node; returns stdout, throws with stderr on failure.</summary>
    public Task<string> RunCtlAsync(params string[] arguments) => RunCtlAsync(arguments, CancellationToken.None);

    public Task<string> RunCtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunToolAsync("rabbitmqctl", arguments, cancellationToken);

    /// <summary>
    /// Runs one of the node's CLI tools (<c>rabbitmqctl</c>, <c>rabbitmq-diagnostics</c>,
    /// <c>rabbitmq-queues</c>, <c>rabbitmq-plugins</c>, …) against this node.
    /// </summary>
    public Task<string> RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        EnsurePrivate($"run {tool}");
        return ProcessRunner.RunCheckedAsync(ToolPath(tool), arguments, _environment, CliTimeout, cancellationToken, WorkingDirectory);
    }

    public async Task AddUserAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        if (IsPrivate)
        {
            await RunCtlAsync(["add_user", user, password], cancellationToken);
            return;
        }

        await Management("add a user").PutAsync(
            $"users/{ManagementApi.Segment(user)}", new { password, tags = string.Empty }, cancellationToken);
    }

    public async Task AddVirtualHostAsync(string virtualHost, CancellationToken cancellationToken = default)
    {
        if (IsPrivate)
        {
            await RunCtlAsync(["add_vhost", virtualHost], cancellationToken);
            return;
        }

        await Management("add a virtual host").PutAsync(
            $"vhosts/{ManagementApi.Segment(virtualHost)}", new { }, cancellationToken);
    }

    /// <summary>Grants <paramref name="user"/> configure/write/read regexes on <paramref name="virtualHost"/>.</summary>
    public async Task SetPermissionsAsync(
        string virtualHost, string user, string configure, string write, string read, CancellationToken cancellationToken = default)
    {
        if (IsPrivate)
        {
            await RunCtlAsync(["set_permissions", "-p", virtualHost, user, configure, write, read], cancellationToken);
            return;
        }

        await Management("set permissions").PutAsync(
            $"permissions/{ManagementApi.Segment(virtualHost)}/{ManagementApi.Segment(user)}",
            new { configure, write, read },
            cancellationToken);
    }

    /// <summary>
    /// Sets a policy, e.g. <c>SetPolicyAsync("dlx", "^orders$", """{"dead-letter-exchange":"dlx"}""")</c>.
    /// </summary>
    public async Task SetPolicyAsync(
        string name,
        string pattern,
        string definitionJson,
        string virtualHost = "/",
        string applyTo = "queues",
        int priority = 0,
        CancellationToken cancellationToken = default)
    {
        if (IsPrivate)
        {
            await RunCtlAsync(
                ["set_policy", "-p", virtualHost, "--priority", priority.ToString(CultureInfo.InvariantCulture),
                 "--apply-to", applyTo, name, pattern, definitionJson],
                cancellationToken);
            return;
        }

        await Management("set a policy").PutAsync(
            $"policies/{ManagementApi.Segment(virtualHost)}/{ManagementApi.Segment(name)}",
            new Dictionary<string, object>
            {
                ["pattern"] = pattern,
                ["definition"] = ManagementApi.ParseDefinition(definitionJson),
                ["apply-to"] = applyTo,
                ["priority"] = priority,
            },
            cancellationToken);
    }

    /// <summary>Stops the node (kills it if a clean stop fails), ends its epmd and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _management?.Dispose();
        if (!IsPrivate)
        {
            _disposed = true;
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

        await ForceStopAsync();
        _server?.Dispose();
        _disposed = true;
        TestFolders.Delete(WorkingDirectory!);
    }

    public override string ToString() => IsPrivate ? $"{NodeName} ({AmqpUri})" : $"external broker {AmqpUri.Host}:{AmqpUri.Port}";

    private static Uri BuildAmqpUri(string host, int port, string user, string password, string virtualHost)
    {
        // An empty path selects the default virtual host "/".
        var path = virtualHost == "/" ? string.Empty : "/" + Uri.EscapeDataString(virtualHost);
        return new Uri(
            $"amqp://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{host}:{port.ToString(CultureInfo.InvariantCulture)}{path}");
    }

    private static string LocateTools(RabbitMqNodeOptions options)
    {
        var server = Path.Combine(options.BinDirectory, "rabbitmq-server");
        if (!File.Exists(server))
        {
            throw new FileNotFoundException(
                $"RabbitMQ is not installed ({server} is missing). Install Debian's rabbitmq-server " +
                $"(build/test.sh does this when run as root) or set {RabbitMqNodeOptions.BrokerUrlVariable} to an existing broker.",
                server);
        }

        var epmd = File.Exists("/usr/bin/epmd")
            ? "/usr/bin/epmd"
            : Directory.Exists("/usr/lib/erlang")
                ? Directory.GetFiles("/usr/lib/erlang", "epmd", SearchOption.AllDirectories).FirstOrDefault()
                : null;
        return epmd ?? throw new FileNotFoundException("epmd (part of erlang-base) was not found.", "epmd");
    }

    /// <summary>Stops processes left behind in <paramref name="directory"/> by a test run that died.</summary>
    private static void StopLeftovers(string directory)
    {
        var pids = new List<int>();
        if (UnixProcess.ReadPidFile(Path.Combine(directory, "rabbit.pid")) is { } beam
            && UnixProcess.IsRunning(beam)
            && UnixProcess.CommandLine(beam).Contains(directory, StringComparison.Ordinal))
        {
            pids.Add(beam);
        }

        if (UnixProcess.ReadPidFile(Path.Combine(directory, "epmd.pid")) is { } epmd
            && UnixProcess.IsRunning(epmd)
            && UnixProcess.CommandLine(epmd).Contains("epmd", StringComparison.Ordinal)
            && UnixProcess.WorkingDirectory(epmd) == directory)
        {
            pids.Add(epmd);
        }

        pids.ForEach(UnixProcess.Kill);
        UnixProcess.WaitUntilGoneAsync(pids, ExitTimeout, CancellationToken.None).GetAwaiter().GetResult();
    }

    private void WriteNodeFiles()
    {
        var root = WorkingDirectory!;
        var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(root, "log")).FullName;

        // Server and CLI find each other through HOME/.erlang.cookie; Erlang insists on mode 400.
        var cookie = Path.Combine(home, ".erlang.cookie");
        File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        var config = new List<string>
        {
            "# Written by NetworkHub.Testing for a private test node.",
            "loopback_users = none",
            "log.file.level = info",
            "log.console = false",
        };
        if (ManagementUri is not null)
        {
            config.Add("management.tcp.ip = 127.0.0.1");
            config.Add("management.tcp.port = " + ManagementUri.Port.ToString(CultureInfo.InvariantCulture));
        }

        config.AddRange(_options.ExtraConfiguration);
        File.WriteAllLines(Path.Combine(root, "rabbitmq.conf"), config);
        File.WriteAllText(Path.Combine(root, "enabled_plugins"), ManagementUri is null ? "[]." : "[rabbitmq_management].");
        File.WriteAllText(Path.Combine(root, "rabbitmq-env.conf"), string.Empty);

        // Inherited RABBITMQ_* / ERL_* settings (a developer shell, a CI job) would silently point the
        // node or its CLI somewhere else.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("RABBITMQ_", StringComparison.Ordinal) || name.StartsWith("ERL_", StringComparison.Ordinal))
            {
                _environment[name] = null;
            }
        }

        _environment["HOME"] = home;
        _environment["ERL_EPMD_PORT"] = Invariant(EpmdPort!.Value);
        _environment["RABBITMQ_NODENAME"] = NodeName;
        _environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        _environment["RABBITMQ_NODE_PORT"] = Invariant(AmqpPort);
        _environment["RABBITMQ_DIST_PORT"] = Invariant(DistributionPort!.Value);
        _environment["RABBITMQ_MNESIA_BASE"] = data;
        _environment["RABBITMQ_LOG_BASE"] = logs;
        _environment["RABBITMQ_LOGS"] = LogFile;
        _environment["RABBITMQ_PID_FILE"] = PidFile;
        _environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf");
        _environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(root, "advanced.config");
        _environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins");
        _environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf");
        // The CLI's own distribution listener defaults to the fixed range 35672-35682, shared by every
        // CLI call on the machine; 0 lets the kernel pick, so parallel test runs never collide there.
        _environment["RABBITMQ_CTL_DIST_PORT_MIN"] = "0";
        _environment["RABBITMQ_CTL_DIST_PORT_MAX"] = "0";
        _environment["ERL_CRASH_DUMP"] = Path.Combine(logs, "erl_crash.dump");
        _environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
    }

    private async Task StartEpmdAsync(CancellationToken cancellationToken)
    {
        // Our own epmd, started before the node so the node does not daemonise one we cannot track.
        var startInfo = ProcessRunner.CreateStartInfo(
            _epmdPath!, ["-port", Invariant(EpmdPort!.Value), "-address", "127.0.0.1"], _environment, WorkingDirectory);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        _epmd = Process.Start(startInfo) ?? throw new RabbitMqStartException("Could not start epmd.");
        _epmd.OutputDataReceived += (_, _) => { };
        _epmd.ErrorDataReceived += (_, _) => { };
        _epmd.BeginOutputReadLine();
        _epmd.BeginErrorReadLine();
        await File.WriteAllTextAsync(Path.Combine(WorkingDirectory!, "epmd.pid"), Invariant(_epmd.Id), cancellationToken);

        var deadline = Stopwatch.StartNew();
        while (!await FreePorts.IsAcceptingAsync(EpmdPort.Value, cancellationToken))
        {
            if (_epmd.HasExited)
            {
                throw new RabbitMqStartException($"epmd exited with code {_epmd.ExitCode} (port {EpmdPort} taken?).")
                {
                    NodeExited = true,
                    PortInUse = true,
                };
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new RabbitMqStartException($"epmd did not listen on port {EpmdPort} within 15 s.");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        // Not detached with setsid: staying in the test host's process group means Ctrl+C on a test
        // run stops the node too (the server script turns SIGINT into a clean stop).
        var startInfo = ProcessRunner.CreateStartInfo(
            "/bin/sh",
            ["-c", "exec \"$0\" >>\"$1\" 2>&1 </dev/null", ToolPath("rabbitmq-server"), ConsoleLog],
            _environment,
            WorkingDirectory);
        _server?.Dispose();
        _server = Process.Start(startInfo) ?? throw new RabbitMqStartException("Could not start rabbitmq-server.");

        await WaitUntilReadyAsync(started, cancellationToken);
        IsRunning = true;
        LastStartDuration = started.Elapsed;
    }

    private async Task WaitUntilReadyAsync(Stopwatch started, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_server!.HasExited)
            {
                throw StartFailure($"stopped while starting (server script exit code {_server.ExitCode})", nodeExited: true);
            }

            // The AMQP listener opens at the end of boot; probing it first is far cheaper than
            // starting an Erlang CLI every half second on a busy machine.
            if (await FreePorts.IsAcceptingAsync(AmqpPort, cancellationToken))
            {
                var check = await ProcessRunner.RunAsync(
                    ToolPath("rabbitmq-diagnostics"), ["-q", "check_running"], _environment, CliTimeout, cancellationToken, WorkingDirectory);
                if (check.Succeeded && (ManagementUri is null || await FreePorts.IsAcceptingAsync(ManagementUri.Port, cancellationToken)))
                {
                    return;
                }
            }

            if (started.Elapsed > _options.StartTimeout)
            {
                throw StartFailure($"did not become ready within {_options.StartTimeout.TotalSeconds:0} s", nodeExited: false);
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private RabbitMqStartException StartFailure(string what, bool nodeExited)
    {
        var log = TestFolders.Tail(LogFile!);
        var console = TestFolders.Excerpt(ConsoleLog, head: 15, tail: 10);
        return new RabbitMqStartException(
            $"RabbitMQ node {NodeName} (AMQP port {AmqpPort}, epmd port {EpmdPort}) {what}.{Environment.NewLine}" +
            $"--- node log {LogFile}:{Environment.NewLine}{log}{Environment.NewLine}" +
            $"--- console output {ConsoleLog}:{Environment.NewLine}{console}")
        {
            NodeExited = nodeExited,
            PortInUse = nodeExited && (MentionsPortInUse(LogFile!) || MentionsPortInUse(ConsoleLog)),
        };
    }

    private static bool MentionsPortInUse(string path)
    {
        try
        {
            var text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
            return text.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase)
                   || text.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async Task WaitForServerExitAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExitTimeout);
        await _server.WaitForExitAsync(timeout.Token);
    }

    private async Task ForceStopAsync()
    {
        var pids = new List<int>();
        if (RunningBeamPid() is { } beam)
        {
            pids.Add(beam);
        }

        if (_server is { HasExited: false })
        {
            pids.Add(_server.Id);
        }

        if (_epmd is { HasExited: false })
        {
            pids.Add(_epmd.Id);
        }

        pids.ForEach(UnixProcess.Kill);
        try
        {
            await UnixProcess.WaitUntilGoneAsync(pids, ExitTimeout, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // Leave it to the orphan sweep of the next run rather than failing a dispose.
        }

        _epmd?.Dispose();
        _epmd = null;
        IsRunning = false;
    }

    /// <summary>The VM's pid, checked against its command line so a recycled pid is never killed.</summary>
    private int? RunningBeamPid() =>
        UnixProcess.ReadPidFile(PidFile) is { } pid
        && UnixProcess.IsRunning(pid)
        && UnixProcess.CommandLine(pid).Contains(WorkingDirectory!, StringComparison.Ordinal)
            ? pid
            : null;

    private string ToolPath(string tool)
    {
        var path = Path.Combine(_options.BinDirectory, tool);
        return File.Exists(path) ? path : throw new FileNotFoundException($"RabbitMQ tool {tool} not found in {_options.BinDirectory}.", path);
    }

    private ManagementApi Management(string action) =>
        _management ?? throw new NotSupportedException(
            $"Cannot {action} on the external broker from {RabbitMqNodeOptions.BrokerUrlVariable} without " +
            $"{RabbitMqNodeOptions.ManagementUrlVariable} (e.g. http://guest:guest@localhost:15672/).");

    private void EnsurePrivate(string action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsPrivate)
        {
            throw new NotSupportedException(
                $"Cannot {action} the broker: {RabbitMqNodeOptions.BrokerUrlVariable} points at an external broker this " +
                $"process does not own. Unset {RabbitMqNodeOptions.BrokerUrlVariable} to run this against a private node.");
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
