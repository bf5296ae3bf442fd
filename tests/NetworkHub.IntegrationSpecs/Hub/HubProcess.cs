using System.Diagnostics;
using NetworkHub.Testing;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>The hub as a separate operating-system process, so a spec can kill it without warning (SIGKILL).</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _args;
    private readonly int _port = FreePorts.Pick();
    private Process? _process;

    public HubProcess(IEnumerable<string> args) => _args = [.. args];

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NetworkHub.Host.dll"));
        foreach (var arg in _args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{_port}");
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub process.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub process exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{_port}/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The hub process did not become ready within 60 seconds.");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(); // Process.Kill sends SIGKILL on Unix
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
