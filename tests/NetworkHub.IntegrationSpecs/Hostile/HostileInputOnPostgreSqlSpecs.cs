namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>
/// The cases of the corpus whose handling depends on how the database stores text, against a hub on PostgreSQL,
/// which refuses a NUL character in text where SQLite stores it: such input is returned with its code like anywhere
/// else, instead of failing the hub's write and, when the failing write was the one that keeps the input, pausing
/// intake and retaking the same message for ever.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class HostileInputOnPostgreSqlSpecs(PostgreSqlHostileNetwork network) : IClassFixture<PostgreSqlHostileNetwork>
{
    public static TheoryData<string> TextTheDatabaseMayRefuse => [.. HostileCorpus.HandWritten.Where(c => c.OnPostgreSql).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(TextTheDatabaseMayRefuse))]
    public Task Hostile_input_is_returned_to_its_sender_with_its_code_kept_in_quarantine_and_delivered_to_nobody_by_a_hub_on_PostgreSQL_while_the_next_good_signal_arrives_once(string input) =>
        HostileExpectations.ExpectAsync(network, HostileCorpus.ByName[input]);
}
