using Microsoft.Data.Sqlite;
using NetworkHub.Core.Ingress;
using Npgsql;

namespace NetworkHub.Specs.Ingress;

/// <summary>
/// A failure to handle one message is sorted by what it says about the message: a lost race is tried again, a
/// failure of the message's own making is kept after one attempt, and only an unreachable dependency pauses intake.
/// </summary>
public class IngressFailureSpecs
{
    [Theory]
    [InlineData("23505", IngressFailure.Conflict)] // unique violation: a concurrent copy won
    [InlineData("40001", IngressFailure.Conflict)] // serialization failure
    [InlineData("40P01", IngressFailure.Conflict)] // deadlock
    [InlineData("23503", IngressFailure.Defect)] // foreign key violation
    [InlineData("23502", IngressFailure.Defect)] // not-null violation
    [InlineData("22021", IngressFailure.Defect)] // a NUL character, or bytes that are not UTF-8, in text
    [InlineData("22001", IngressFailure.Defect)] // text too long for its column
    [InlineData("22008", IngressFailure.Defect)] // a date out of range
    [InlineData("08006", IngressFailure.Outage)] // connection failure
    [InlineData("57P01", IngressFailure.Outage)] // the server is shutting down
    [InlineData("53300", IngressFailure.Outage)] // too many connections
    public void A_PostgreSQL_error_is_sorted_by_its_SQLSTATE(string sqlState, IngressFailure expected)
    {
        var error = new PostgresException("message text", "ERROR", "ERROR", sqlState);

        Assert.Equal(expected, IngressFailures.Classify(error));
        Assert.Equal(expected, IngressFailures.Classify(new InvalidOperationException("wrapped", error)));
    }

    [Fact]
    public void A_SQLite_constraint_failure_is_the_message_s_own_unless_it_is_a_lost_race_for_a_key()
    {
        Assert.Equal(IngressFailure.Defect, IngressFailures.Classify(new SqliteException("constraint", 19, 787)));
        Assert.Equal(IngressFailure.Conflict, IngressFailures.Classify(new SqliteException("unique", 19, 2067)));
    }

    [Fact]
    public void An_exception_nobody_expected_is_the_message_s_own_and_a_timeout_is_an_outage()
    {
        Assert.Equal(IngressFailure.Defect, IngressFailures.Classify(new InvalidOperationException("a bug")));
        Assert.Equal(IngressFailure.Outage, IngressFailures.Classify(new TimeoutException()));
    }
}
