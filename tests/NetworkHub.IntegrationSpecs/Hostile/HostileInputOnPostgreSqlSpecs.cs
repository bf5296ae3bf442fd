namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>
/// The hand-written corpus against a hub on PostgreSQL, which stores and locks differently from SQLite: it refuses a
/// NUL character in text where SQLite stores it, so such input must be returned with its code like anywhere else
/// instead of failing the hub's write and, when the failing write was the one that keeps the input, pausing intake
/// and retaking the same message for ever.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class HostileInputOnPostgreSqlSpecs(PostgreSqlHostileNetwork network) : IClassFixture<PostgreSqlHostileNetwork>
{
    public static TheoryData<string> HandWritten => [.. HostileCorpus.HandWritten.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(HandWritten))]
    public Task Hostile_input_is_kept_in_quarantine_returned_with_its_code_to_a_sender_the_hub_can_name_and_delivered_to_nobody_by_a_hub_on_PostgreSQL_while_the_next_good_signal_arrives_once(string input) =>
        HostileExpectations.ExpectAsync(network, HostileCorpus.ByName[input]);
}
