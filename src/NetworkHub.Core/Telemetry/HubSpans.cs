using System.Diagnostics;
using NetworkHub.Client;
using NetworkHub.Contracts;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Telemetry;

/// <summary>
/// The hub's spans along a message's way: ingress receive, routing transaction, policy decision, dispatch. Each is
/// started only when someone listens; every attribute is a contract name, an organisation code, a message id, an
/// outcome or a return code.
/// </summary>
public static class HubSpans
{
    public const string Contract = "networkhub.contract";
    public const string Sender = "networkhub.sender";
    public const string Recipient = "networkhub.recipient";
    public const string Outcome = "networkhub.outcome";
    public const string ReturnCode = "networkhub.return_code";
    public const string MessageId = "messaging.message.id";

    /// <summary>A message taken in by a transport adapter, in the trace its sender started (when it sent one).</summary>
    public static Activity? StartReceive(InboundMessage inbound)
    {
        if (!HubTelemetry.Source.HasListeners())
        {
            return null;
        }

        var contract = inbound.Message is { } message ? ContractCatalogue.NameOf(message.GetType()) : null;
        var span = HubTelemetry.Source.StartActivity(contract is null ? "receive" : "receive " + contract, ActivityKind.Consumer,
            inbound.Trace?.Parent ?? default);
        span?.SetTag("messaging.operation.type", "receive")
            .SetTag(Contract, contract)
            .SetTag(MessageId, inbound.Message?.MessageId.ToString())
            .SetTag(Sender, inbound.Sender.Organisation);
        return span;
    }

    /// <summary>The routing transaction of one message: decision, ledger, access log and outbox in one commit.</summary>
    public static Activity? StartRouting(string contract, Guid messageId) =>
        HubTelemetry.Source.HasListeners()
            ? HubTelemetry.Source.StartActivity("route " + contract)?.SetTag(Contract, contract).SetTag(MessageId, messageId.ToString())
            : null;

    /// <summary>The privacy policy deciding per recipient; each decision is an event naming the recipient and, when refused, the code.</summary>
    public static Activity? StartPolicy(string contract) =>
        HubTelemetry.Source.HasListeners() ? HubTelemetry.Source.StartActivity("policy " + contract)?.SetTag(Contract, contract) : null;

    public static void Decided(Activity? span, IReadOnlyList<RecipientOutcome> outcomes)
    {
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        foreach (var decision in outcomes.Select(o => o.Decision))
        {
            span.AddEvent(new ActivityEvent(decision.Allowed ? "allowed" : "refused", tags: new ActivityTagsCollection
            {
                [Recipient] = decision.RecipientCode,
                [ReturnCode] = decision.ReturnCode?.ToString(),
                ["networkhub.policy.rule"] = decision.RuleId,
            }));
        }

        span.SetTag("networkhub.policy.refused", outcomes.Count(o => o.Copy is null));
    }

    /// <summary>One outbox row sent, as a child of the span that wrote it (kept in the row), also when the sweeper resends it.</summary>
    public static Activity? StartDispatch(PendingDispatch dispatch)
    {
        if (!HubTelemetry.Source.HasListeners())
        {
            return null;
        }

        var contract = ContractCatalogue.NameOf(dispatch.Message.GetType());
        var span = HubTelemetry.Source.StartActivity("send " + contract, ActivityKind.Producer,
            MessageTrace.FromTraceParent(dispatch.TraceParent)?.Parent ?? default);
        span?.SetTag("messaging.operation.type", "send")
            .SetTag(Contract, contract)
            .SetTag(MessageId, dispatch.Message.MessageId.ToString())
            .SetTag(Recipient, dispatch.Destination == Persistence.OutboxDestinations.Events ? "hub.events" : dispatch.Destination);
        return span;
    }

    public static void Ended(Activity? span, RoutingResult result)
    {
        span?.SetTag(Outcome, result.Outcome.ToString()).SetTag(ReturnCode, result.Code?.ToString());
    }

    /// <summary>The exception's type only: a data layer's message may quote values from the input.</summary>
    public static void Failed(Activity? span, Exception exception) => span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
}
