using System.Globalization;
using System.Runtime.InteropServices;

namespace NetworkHub.Testing;

/// <summary>Process facts read straight from /proc, for processes this code did not start itself.</summary>
internal static class UnixProcess
{
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>
    /// True while the process runs. A zombie counts as gone: it has already released its sockets,
    /// files and shared memory, and only waits for a parent (often a slow init) to reap it.
    /// </summary>
    public static bool IsRunning(int pid)
    {
        var state = ReadState(pid);
        return state is not null and not 'Z' and not 'X' and not 'x';
    }

    public static void Kill(int pid)
    {
        if (pid > 1)
        {
            _ = SendSignal(pid, SigKill);
        }
    }

    public static async Task WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var remaining = pids.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            remaining.RemoveAll(pid => !IsRunning(pid));
            if (remaining.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Process(es) {string.Join(", ", remaining)} still running {timeout.TotalSeconds:0} s after SIGKILL.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Direct children of <paramref name="parentPid"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid)
    {
        var children = new List<int>();
        foreach (var directory in EnumerateProcDirectories())
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var stat = ReadStat(pid);
            if (stat is null)
            {
                continue;
            }

            // Fields after the command name: state ppid ...
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
                && ppid == parentPid)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    public static string? WorkingDirectory(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static int? ReadPidFile(string path)
    {
        try
        {
            var firstLine = File.ReadLines(path).FirstOrDefault()?.Trim();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static char? ReadState(int pid)
    {
        var stat = ReadStat(pid);
        if (stat is null)
        {
            return null;
        }

        var close = stat.LastIndexOf(')');
        return close >= 0 && close + 2 < stat.Length ? stat[close + 2] : null;
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> EnumerateProcDirectories()
    {
        try
        {
            return Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
