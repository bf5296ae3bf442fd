using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Structural rules every routed message must meet before the hub takes it on (legal basis and consent are
/// the privacy policy's). Returns a reason, or null when the message passes.
/// </summary>
public static class MessageRules
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static string? FindProblem(HubMessage message, DateTimeOffset now)
    {
        if (message.MessageId == Guid.Empty)
        {
            return "The message id is empty.";
        }

        if (message.CorrelationId == Guid.Empty)
        {
            return "The correlation id is empty.";
        }

        if (message.CreatedAt > now + ClockSkew)
        {
            return "The message is dated in the future.";
        }

        return null;
    }
}
