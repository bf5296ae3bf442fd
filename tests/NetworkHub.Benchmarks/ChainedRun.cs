using System.Text;

namespace NetworkHub.Benchmarks;

/// <summary>
/// A closed-loop batch: <c>chains</c> chains of steps, where a chain's next step is sent only when its previous
/// one has arrived at its recipient, with at most <c>concurrency</c> chains under way. Message
/// <c>chain * Steps.Count + step</c> is one step of one chain; its latency runs from its send to its arrival.
/// </summary>
public sealed class ChainedRun
{
    private readonly Func<int, Task> _send;
    private readonly SemaphoreSlim _gate;
    private readonly int _chains;
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    /// <param name="send">Sends message <c>index</c>; a failed send fails the batch.</param>
    public ChainedRun(int chains, IReadOnlyList<string> steps, int concurrency, Func<int, Task> send)
    {
        _chains = chains;
        Steps = steps;
        Run = new Run(chains * steps.Count);
        _gate = new SemaphoreSlim(concurrency);
        _send = send;
    }

    public Run Run { get; }

    /// <summary>The name of each step, in order.</summary>
    public IReadOnlyList<string> Steps { get; }

    public int Index(int chain, int step) => chain * Steps.Count + step;

    /// <summary>A step reached its recipient: the chain's next step goes out, or the chain is done.</summary>
    public void Arrived(int index)
    {
        if (!Run.Arrived(index))
        {
            return;
        }

        if ((index + 1) % Steps.Count == 0)
        {
            _gate.Release();
        }
        else
        {
            Send(index + 1);
        }
    }

    /// <summary>Stops the batch: a step was refused or something arrived that should not have.</summary>
    public void Fail(string reason) => _failed.TrySetException(new BenchmarkFailedException(reason));

    /// <summary>
    /// Starts every chain and waits until every step has arrived. Fails when a step fails, or when nothing arrives
    /// for <paramref name="stall"/> while steps are outstanding (a chain is stuck).
    /// </summary>
    public async Task DriveAsync(TimeSpan stall)
    {
        var starting = StartChainsAsync();
        var lastArrivals = -1;
        var lastProgress = DateTime.UtcNow;
        while (!Run.Completion.IsCompleted)
        {
            await Task.WhenAny(Run.Completion, _failed.Task, Task.Delay(TimeSpan.FromMilliseconds(250)));
            if (_failed.Task.IsFaulted)
            {
                await _failed.Task; // throws the reason
            }

            if (Run.Arrivals != lastArrivals)
            {
                lastArrivals = Run.Arrivals;
                lastProgress = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastProgress > stall)
            {
                Fail($"Nothing arrived for {stall.TotalSeconds:0} s. {Stuck()}");
            }
        }

        await starting;
    }

    private async Task StartChainsAsync()
    {
        for (var chain = 0; chain < _chains && !_failed.Task.IsCompleted; chain++)
        {
            await _gate.WaitAsync();
            Interlocked.Increment(ref _started);
            Send(Index(chain, 0));
        }
    }

    private void Send(int index)
    {
        Run.Started(index);
        _ = SendAsync(index);
    }

    private async Task SendAsync(int index)
    {
        try
        {
            await _send(index);
        }
        catch (Exception e)
        {
            Fail($"Sending {Steps[index % Steps.Count]} of chain {index / Steps.Count} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>How many chains stopped after which step, for the failure message.</summary>
    private string Stuck()
    {
        var started = Volatile.Read(ref _started);
        var stoppedAfter = new int[Steps.Count + 1]; // [k]: steps 0..k-1 arrived, step k did not
        for (var chain = 0; chain < started; chain++)
        {
            var arrived = 0;
            while (arrived < Steps.Count && Run.HasArrived(Index(chain, arrived)))
            {
                arrived++;
            }

            stoppedAfter[arrived]++;
        }

        var text = new StringBuilder($"{Run.Arrivals} of {Run.Count} steps arrived, {_chains - started} chain(s) not started;");
        for (var k = 0; k < Steps.Count; k++)
        {
            if (stoppedAfter[k] > 0)
            {
                text.Append($" {stoppedAfter[k]} chain(s) waiting for '{Steps[k]}';");
            }
        }

        return text.ToString().TrimEnd(';') + ".";
    }
}

/// <summary>The benchmark's own check failed: a step was refused, lost or stuck, or the final state is wrong.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
