using System.Diagnostics;

namespace NetworkHub.Testing;

/// <summary>The outcome of a finished command.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>A command that exited with a non-zero code; the message carries its output.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException(string command, CommandResult result)
        : base($"`{command}` exited with code {result.ExitCode}.{Environment.NewLine}" +
               $"stderr: {Trimmed(result.StandardError)}{Environment.NewLine}" +
               $"stdout: {Trimmed(result.StandardOutput)}")
    {
        Command = command;
        Result = result;
    }

    public string Command { get; }

    public CommandResult Result { get; }

    private static string Trimmed(string text) =>
        string.IsNullOrWhiteSpace(text) ? "(empty)" : text.Trim();
}

internal static class ProcessRunner
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null)
    {
        var startInfo = CreateStartInfo(fileName, arguments, environment, workingDirectory);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            TryKillTree(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"`{Describe(fileName, startInfo.ArgumentList)}` did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<string> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null)
    {
        var args = arguments.ToArray();
        var result = await RunAsync(fileName, args, environment, timeout, cancellationToken, workingDirectory);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(Describe(fileName, args), result);
        }

        return result.StandardOutput;
    }

    public static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(name);
                }
                else
                {
                    startInfo.Environment[name] = value;
                }
            }
        }

        return startInfo;
    }

    public static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { Path.GetFileName(fileName) }.Concat(arguments));

    private static void TryKillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
