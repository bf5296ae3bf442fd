using System.Text.Json;
using MassTransit;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Ingress messages no consumer takes (an unknown contract) and messages that do not deserialise are
/// quarantined and returned to their sender instead of going to MassTransit's _skipped / _error queues.
/// Any other failure falls through to the default error handling (kept in hub.ingress_error), so an
/// outage never turns good messages into "bad input".
/// </summary>
public sealed class QuarantineFilters(IServiceScopeFactory scopes) : IFilter<ReceiveContext>, IFilter<ExceptionReceiveContext>
{
    public Task Send(ReceiveContext context, IPipe<ReceiveContext> next) =>
        QuarantineAsync(context, ReturnCode.UnknownContract, "No contract of this type exists at the hub.");

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!IsMalformed(context.Exception))
        {
            await next.Send(context);
            return;
        }

        await QuarantineAsync(context, ReturnCode.MalformedMessage, "The message could not be read as its contract: " + Describe(context.Exception));
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("networkhub-quarantine");

    private async Task QuarantineAsync(ReceiveContext context, ReturnCode code, string reason)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = services.GetRequiredService<ISenderAuthenticator>().Authenticate(context);
        var result = await services.GetRequiredService<RawInputQuarantine>()
            .QuarantineAsync(context.Body.GetBytes(), sender, code, reason, context.CancellationToken);
        await services.GetRequiredService<OutboxDispatcher>().DispatchAsync(result, context.CancellationToken);
    }

    private static bool IsMalformed(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Runtime.Serialization.SerializationException or JsonException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The serializer's own words point at the path that failed; values are not echoed, so no personal data leaks.</summary>
    private static string Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json.Path is null ? "invalid JSON." : $"invalid or missing value at {json.Path}.";
            }
        }

        return "the envelope is not a readable message.";
    }
}
