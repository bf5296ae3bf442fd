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

    /// <summary>True when the node (or its epmd) exited by itself rather than hanging.</summary>
    public bool NodeExited { get; init; }

    /// <summary>True when the output says a port was already taken: worth one retry on fresh ports.</summary>
    public bool PortInUse { get; init; }
}
