using Xunit;

namespace NetworkHub.Testing;

/// <summary>
/// A fact that stops, kills or restarts the broker; skipped (with the reason) when RABBITMQ_URL points
/// at an external broker this process cannot control.
/// </summary>
public sealed class PrivateBrokerFactAttribute : FactAttribute
{
    public PrivateBrokerFactAttribute()
    {
        if (RabbitMqNodeOptions.FromEnvironment(RabbitMqNodeOptions.BrokerUrlVariable) is not null)
        {
            Skip = $"Needs a private RabbitMQ node it can kill and restart; {RabbitMqNodeOptions.BrokerUrlVariable} points at an external broker.";
        }
    }
}

/// <summary>
/// A fact that manages users, permissions or policies; skipped when RABBITMQ_URL points at an external
/// broker without RABBITMQ_MANAGEMENT_URL to manage it through.
/// </summary>
public sealed class BrokerAdminFactAttribute : FactAttribute
{
    public BrokerAdminFactAttribute()
    {
        if (RabbitMqNodeOptions.FromEnvironment(RabbitMqNodeOptions.BrokerUrlVariable) is not null
            && RabbitMqNodeOptions.FromEnvironment(RabbitMqNodeOptions.ManagementUrlVariable) is null)
        {
            Skip = $"Needs to manage broker users; {RabbitMqNodeOptions.BrokerUrlVariable} is set but {RabbitMqNodeOptions.ManagementUrlVariable} is not.";
        }
    }
}

/// <summary>
/// A fact that stops, kills or restarts the database server; skipped when POSTGRES_URL points at an
/// external server this process cannot control.
/// </summary>
public sealed class PrivatePostgresFactAttribute : FactAttribute
{
    public PrivatePostgresFactAttribute()
    {
        if (RabbitMqNodeOptions.FromEnvironment(PostgresServerOptions.ConnectionStringVariable) is not null)
        {
            Skip = $"Needs a private PostgreSQL server it can kill and restart; {PostgresServerOptions.ConnectionStringVariable} points at an external server.";
        }
    }
}
