namespace NetworkHub.Testing;

/// <summary>A private RabbitMQ node did not come up; the message ends with the node's log tail.</summary>
public sealed class RabbitMqStartException : Exception
{
    public RabbitMqStartException(string message) : base(message)
    {
    }

    public RabbitMqStartException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RabbitMqStartException()
    {
    }

    /// <summary>True when the node process exited by itself (e.g. a port was taken), rather than hanging.</summary>
    public bool NodeExited { get; init; }
}
