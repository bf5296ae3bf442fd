using MassTransit;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Client;

/// <summary>
/// The receiving side of a partner: hands each message to the application once (by message id) and answers
/// the hub with an acknowledgement or return message whose id derives from the message, so answering again
/// after a redelivery changes nothing at the hub.
/// </summary>
internal sealed class PartnerInbox(string organisation, HubMessageHandler handler, IProcessedMessageStore store, TimeProvider clock)
{
    public HubClient? Client { get; set; }

    public void Configure(IReceiveEndpointConfigurator endpoint)
    {
        // Answering needs the broker; while it is briefly unreachable, retry rather than fault the message.
        endpoint.UseMessageRetry(r => r.Intervals(200, 1000, 2000, 5000, 10000));
        var configure = typeof(PartnerInbox).GetMethod(nameof(ConfigureHandler), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var contract in ContractCatalogue.All)
        {
            configure.MakeGenericMethod(contract).Invoke(this, [endpoint]);
        }
    }

    private void ConfigureHandler<T>(IReceiveEndpointConfigurator endpoint) where T : HubMessage =>
        endpoint.Handler<T>(context => HandleAsync(context.Message, MessageTrace.Read(context.ReceiveContext.TransportHeaders), context.CancellationToken));

    /// <summary>The application's handler and the answer run in the trace the hub sent the message in.</summary>
    private async Task HandleAsync(HubMessage message, MessageTrace? trace, CancellationToken ct)
    {
        using var span = HubClientTelemetry.StartReceive(message, trace);
        var outcome = await store.GetOrHandleAsync(message.MessageId, () => handler(message, ct)).ConfigureAwait(false);
        if (ContractCatalogue.IsSettlement(message) || message.SenderOrganisation == HubTopology.HubOrganisation)
        {
            return; // answers and hub notices are not answered themselves
        }

        await Client!.SendAsync(Answer(message, outcome), MessageTrace.Of(span) ?? trace, ct).ConfigureAwait(false);
    }

    private HubMessage Answer(HubMessage message, DeliveryOutcome outcome)
    {
        var now = clock.GetUtcNow();
        return outcome.IsAccepted
            ? new Acknowledgement
            {
                MessageId = DeterministicGuid.Create(message.MessageId, organisation + ":ack"),
                CorrelationId = message.CorrelationId,
                SenderOrganisation = organisation,
                Recipients = [message.SenderOrganisation],
                Purpose = Purpose.Coordination,
                CreatedAt = now,
                AcknowledgedMessageId = message.MessageId,
                AcknowledgedBy = organisation,
            }
            : new ReturnMessage
            {
                MessageId = DeterministicGuid.Create(message.MessageId, organisation + ":return"),
                CorrelationId = message.CorrelationId,
                SenderOrganisation = organisation,
                Recipients = [message.SenderOrganisation],
                Purpose = Purpose.Coordination,
                CreatedAt = now,
                ReturnedMessageId = message.MessageId,
                ReturnedContract = ContractCatalogue.NameOf(message.GetType()),
                ReturnedBy = organisation,
                Code = outcome.ReturnCode!.Value,
                Reason = outcome.Reason ?? "",
            };
    }
}
