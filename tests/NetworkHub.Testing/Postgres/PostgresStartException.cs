namespace NetworkHub.Testing;

/// <summary>A private PostgreSQL server did not come up; the message ends with its log tail.</summary>
public sealed class PostgresStartException : Exception
{
    public PostgresStartException(string message) : base(message)
    {
    }

    public PostgresStartException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PostgresStartException()
    {
    }
}
