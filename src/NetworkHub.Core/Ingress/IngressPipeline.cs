using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Telemetry;

namespace NetworkHub.Core.Ingress;

/// <summary>Limits the hub enforces on every message, whichever way it came in.</summary>
public sealed record IngressLimits(int MaxMessageBytes)
{
    /// <summary>Attempts for a message that keeps losing to concurrent work before it is kept as failed.</summary>
    public int ConflictAttempts { get; init; } = 5;
}

/// <summary>What became of a message: how it ended, and the code and reason its sender was told when it was returned.</summary>
/// <summary>
/// The one way into the hub. Every transport adapter (AMQP now; the console and HTTP next) hands what it received
/// here: size check, unreadable input to quarantine, then the router decides and records in one transaction, and
/// what it recorded is sent. Each attempt runs in its own scope, so a retry starts from what the database holds.
/// A message ends in exactly one of three ways: handled (routed, settled, returned or quarantined with a typed
/// code), kept in quarantine because handling it failed (<see cref="ReturnCode.ProcessingFailed"/>, one attempt),
/// or handed back to the adapter with <see cref="IntakeUnavailableException"/> when the hub cannot record anything.
/// A replay (<see cref="InboundMessage.Replay"/>) takes the same way; a dry run decides the same way, commits and sends
/// nothing, and fails to its caller instead of keeping anything.
/// A process without a broker (the operator tool) records only: the hub's outbox sweeper sends what it recorded.
/// </summary>
public sealed class IngressPipeline(IServiceScopeFactory scopes, IngressLimits limits, ILogger<IngressPipeline> logger)
{
    public async Task<RoutingResult> ReceiveAsync(InboundMessage inbound, CancellationToken ct)
    {
        using var span = HubSpans.StartReceive(inbound);
        TraceContinuation.Continue(inbound.Trace); // when no span carries the sender's trace on
        try
        {
            var result = await HandleAsync(inbound, ct);
            HubSpans.Ended(span, result);
            return result;
        }
        catch (Exception exception)
        {
            HubSpans.Failed(span, exception);
            throw;
        }
    }

    private async Task<RoutingResult> HandleAsync(InboundMessage inbound, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(inbound, ct);
            }
            catch (Exception exception) when (!ct.IsCancellationRequested && inbound.Replay is not { DryRun: true })
            {
                var failure = IngressFailures.Classify(exception);
                if (failure == IngressFailure.Conflict && attempt < limits.ConflictAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * attempt), ct);
                    continue;
                }

                if (failure != IngressFailure.Outage) // a conflict that outlasts every attempt is this message's own
                {
                    return await KeepFailedAsync(inbound, exception, ct);
                }

                throw new IntakeUnavailableException(Describe(exception), exception);
            }
        }
    }

    private async Task<RoutingResult> AttemptAsync(InboundMessage inbound, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var quarantine = services.GetRequiredService<RawInputQuarantine>();
        var router = services.GetRequiredService<HandOffRouter>();
        var result = inbound switch
        {
            { Body.Length: var size } when size > limits.MaxMessageBytes => await quarantine.QuarantineAsync(inbound.Body, inbound.Sender,
                ReturnCode.PayloadTooLarge, $"The message is {size} bytes; the hub accepts at most {limits.MaxMessageBytes}.", ct, inbound.Replay),
            { Unreadable: { } unreadable } => await quarantine.QuarantineAsync(inbound.Body, inbound.Sender, unreadable.Code, unreadable.Reason, ct, inbound.Replay),
            { Replay: { } replay } => await router.ReplayAsync(inbound.Message!, inbound.Sender, inbound.Body, replay, ct),
            _ => await router.AcceptAsync(inbound.Message!, inbound.Sender, inbound.Body, ct),
        };

        if (inbound.Replay is not { DryRun: true })
        {
            await SendAsync(services, result, ct);
        }

        return result;
    }

    /// <summary>
    /// What was recorded is the hub's responsibility from here: a send the broker does not take now stays in the
    /// outbox for the sweeper, and the inbound message is done.
    /// </summary>
    private async Task SendAsync(IServiceProvider services, RoutingResult result, CancellationToken ct)
    {
        if (services.GetService<OutboxDispatcher>() is not { } dispatcher)
        {
            return; // no broker in this process
        }

        try
        {
            await dispatcher.DispatchAsync(result, ct);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested && IngressFailures.Classify(exception) != IngressFailure.Defect)
        {
            logger.LogWarning("Sending what message {CausationId} caused failed ({Failure}); the outbox sweeper sends it later", result.CausationId, exception.GetType().Name);
        }
    }

    /// <summary>A message whose handling fails of itself is kept, and its sender told, after one attempt: it never holds intake.</summary>
    private async Task<RoutingResult> KeepFailedAsync(InboundMessage inbound, Exception exception, CancellationToken ct)
    {
        // The exception's type and stack only: messages of data-layer exceptions may quote values from the input.
        logger.LogError("Handling a message from {Principal} failed ({Failure} at {Site}); kept in quarantine",
            inbound.Sender.Principal, exception.GetType().FullName, exception.TargetSite?.DeclaringType?.FullName);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var result = await services.GetRequiredService<RawInputQuarantine>().QuarantineAsync(inbound.Body, inbound.Sender,
                ReturnCode.ProcessingFailed, "The hub could not handle this message and keeps it for its operators.", ct, inbound.Replay);
            await SendAsync(services, result, ct);
            return result;
        }
        catch (Exception keeping) when (!ct.IsCancellationRequested)
        {
            throw new IntakeUnavailableException("A message that failed could not be kept: " + Describe(keeping), keeping);
        }
    }

    private static string Describe(Exception exception) =>
        $"{exception.GetType().Name} while recording a message" + (exception.InnerException is { } inner ? $" ({inner.GetType().Name})" : "");
}
