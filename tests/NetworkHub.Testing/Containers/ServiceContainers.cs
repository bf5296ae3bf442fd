using System.Diagnostics;
using DotNet.Testcontainers.Containers;
using Docker.DotNet.Models;

namespace NetworkHub.Testing;

/// <summary>
/// What the broker and database containers share: the image (official by default, replaceable through an
/// environment variable, e.g. by a locally built equivalent where no registry is reachable), host ports that
/// stay the same across a stop, kill and start (clients reconnect as they would to a restarted server),
/// loopback-only bindings, and the kill that Testcontainers leaves out.
/// </summary>
public static class ServiceContainers
{
    public static string Image(string variable, string official) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image : official;

    /// <summary>Binds every published port to 127.0.0.1 only: test servers are never reachable from other hosts.</summary>
    public static void LoopbackOnly(CreateContainerParameters parameters)
    {
        foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b) ?? [])
        {
            binding.HostIP = "127.0.0.1";
        }
    }

    /// <summary>SIGKILL to the server: no chance to flush or say goodbye (the docker CLI, as Testcontainers has no kill).</summary>
    public static Task KillAsync(IContainer container) =>
        ProcessRunner.RunCheckedAsync("docker", ["kill", "--signal", "KILL", container.Id], null, TimeSpan.FromSeconds(60), CancellationToken.None);

    /// <summary>
    /// Starts (or starts again) and returns how long until the server was ready: until <paramref name="probe"/>, one
    /// attempt to use it as a client would, succeeds. After a restart the container's log still holds the first start's
    /// "ready" line, so the log alone proves nothing.
    /// </summary>
    public static async Task<TimeSpan> StartAsync(IContainer container, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await container.StartAsync(cancellationToken);
        while (true)
        {
            try
            {
                await probe(cancellationToken);
                return watch.Elapsed;
            }
            catch (Exception e) when (e is not OperationCanceledException && watch.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
