using System.Globalization;

namespace NetworkHub.Testing;

/// <summary>
/// Temp folders owned by one test process. Each holds an <c>owner.pid</c>; a folder whose owner died
/// without cleaning up (a killed test host, a debugger stopped mid-run) is swept by the next run, so
/// crashed runs do not leave brokers and databases eating a shared machine.
/// </summary>
internal static class TestFolders
{
    private const string OwnerFile = "owner.pid";

    public static string Create(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix).FullName;
        File.WriteAllText(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return directory;
    }

    /// <summary>
    /// Runs <paramref name="stopLeftovers"/> and deletes every <paramref name="prefix"/> folder whose
    /// owner process is gone. Folders of live owners (other test runs) are left alone.
    /// </summary>
    public static void SweepOrphans(string prefix, Action<string> stopLeftovers)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetDirectories(Path.GetTempPath(), prefix + "*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var directory in candidates)
        {
            var owner = UnixProcess.ReadPidFile(Path.Combine(directory, OwnerFile));
            if (owner is null || owner == Environment.ProcessId || UnixProcess.IsRunning(owner.Value))
            {
                continue;
            }

            try
            {
                stopLeftovers(directory);
                Delete(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
            {
                // Best effort: someone else's leftovers must never fail this run.
            }
        }
    }

    public static void Delete(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // A process that just died may still be flushing a log file into the tree.
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of a text file, or a note why there are none.</summary>
    public static string Tail(string path, int lines = 40) => Excerpt(path, head: 0, tail: lines);

    /// <summary>
    /// The first <paramref name="head"/> and last <paramref name="tail"/> lines of a text file: a boot
    /// failure names its cause first and then prints pages of supervisor reports.
    /// </summary>
    public static string Excerpt(string path, int head, int tail)
    {
        try
        {
            if (!File.Exists(path))
            {
                return $"({path} does not exist)";
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var first = new List<string>(head);
            var last = new Queue<string>(tail);
            var skipped = 0;
            while (reader.ReadLine() is { } line)
            {
                if (first.Count < head)
                {
                    first.Add(line);
                    continue;
                }

                if (last.Count == tail)
                {
                    if (tail == 0)
                    {
                        skipped++;
                        continue;
                    }

                    last.Dequeue();
                    skipped++;
                }

                last.Enqueue(line);
            }

            if (first.Count == 0 && last.Count == 0)
            {
                return $"({path} is empty)";
            }

            var gap = skipped > 0 && first.Count > 0 ? new[] { $"[... {skipped} lines ...]" } : [];
            return string.Join(Environment.NewLine, first.Concat(gap).Concat(last));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"({path} could not be read: {e.Message})";
        }
    }
}
