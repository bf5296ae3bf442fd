using NetworkHub.Contracts.V1;

namespace NetworkHub.Client;

/// <summary>What a partner application decided about a message delivered to it.</summary>
public sealed record DeliveryOutcome
{
    private DeliveryOutcome(ReturnCode? code, string? reason)
    {
        ReturnCode = code;
        Reason = reason;
    }

    public static DeliveryOutcome Accepted { get; } = new(null, null);

    /// <summary>Refuse the message; the sender receives a return message with this code and reason (no personal data).</summary>
    public static DeliveryOutcome Declined(ReturnCode code, string reason) => new(code, reason);

    public ReturnCode? ReturnCode { get; }
    public string? Reason { get; }
    public bool IsAccepted => ReturnCode is null;
}

/// <summary>The partner application's handler: called once per message id, whatever the transport redelivers.</summary>
public delegate Task<DeliveryOutcome> HubMessageHandler(HubMessage message, CancellationToken ct);

/// <summary>
/// A delivery in the partner's queue that did not come from the hub (its validated user-id is not the hub's broker
/// user): never handed to the application, not redelivered. Carries no body, only what identifies it.
/// </summary>
/// <param name="MessageId">The AMQP message-id, if any.</param>
/// <param name="UserId">The validated user-id it carried, or null when it had none.</param>
public sealed record RejectedDelivery(string? MessageId, string? UserId, string Reason);
