using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NetworkHub.Core.Ingress;

public enum IngressFailure
{
    /// <summary>Another message got there first (a concurrent copy, a lost row lock): trying again decides it.</summary>
    Conflict,

    /// <summary>Something the hub depends on is unreachable: no message can be handled until it is back.</summary>
    Outage,

    /// <summary>Handling this message failed for a reason of its own: trying again fails again.</summary>
    Defect,
}

/// <summary>Sorts a failure to handle one message, so an outage never turns a good message into "bad input" and a bad message never holds intake.</summary>
public static class IngressFailures
{
    public static IngressFailure Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case SqliteException { SqliteExtendedErrorCode: SqliteUniqueViolation or SqlitePrimaryKeyViolation }:
                    return IngressFailure.Conflict;
                case PostgresException { SqlState: [ '2', '3', ..] }: // integrity violations other than the above: this message's content
                case PostgresException { SqlState: [ '2', '2', ..] }: // data exceptions (text PostgreSQL cannot store, a value out of range): the same
                case SqliteException { SqliteErrorCode: SqliteConstraint }:
                    return IngressFailure.Defect;
                case DbException:
                case TimeoutException:
                case SocketException:
                case OperationCanceledException:
                case HubTransportUnavailableException:
                    return IngressFailure.Outage;
            }
        }

        return IngressFailure.Defect;
    }

    private const int SqliteConstraint = 19;
    private const int SqlitePrimaryKeyViolation = 1555;
    private const int SqliteUniqueViolation = 2067;
}

/// <summary>The broker could not take a message the hub sends; what is recorded stays in the outbox and goes later.</summary>
public sealed class HubTransportUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Intake cannot go on (the database or broker is unreachable): the adapter puts the message back and pauses.</summary>
public sealed class IntakeUnavailableException(string reason, Exception inner) : Exception(reason, inner);
