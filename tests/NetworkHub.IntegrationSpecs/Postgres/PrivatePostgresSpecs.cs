using Npgsql;

namespace NetworkHub.IntegrationSpecs.Postgres;

[Collection(PostgresFixture.Collection)]
public sealed class PrivatePostgresSpecs(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => postgres.Server.EnsureRunningAsync();

    public Task DisposeAsync() => postgres.Server.EnsureRunningAsync();

    [PrivatePostgresFact]
    public async Task A_private_postgres_accepts_connections_and_keeps_data_across_a_restart()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await ExecuteAsync(database, "CREATE TABLE handoffs (id text PRIMARY KEY, status text NOT NULL)");
        await ExecuteAsync(database, "INSERT INTO handoffs VALUES ('h-1', 'offered')");

        await postgres.Server.KillAsync();
        await postgres.Server.StartAgainAsync();
        output.WriteLine($"PostgreSQL restarted after SIGKILL in {postgres.Server.LastStartDuration.TotalSeconds:0.00} s");

        Assert.Equal("offered", await ScalarAsync(database, "SELECT status FROM handoffs WHERE id = 'h-1'"));
    }

    [Fact]
    public async Task Each_created_database_starts_empty_and_apart_from_the_others()
    {
        var first = await postgres.Server.CreateDatabaseAsync();
        var second = await postgres.Server.CreateDatabaseAsync();

        await ExecuteAsync(first, "CREATE TABLE consents (subject text)");

        Assert.Equal("consents", await ScalarAsync(first, "SELECT to_regclass('consents')::text"));
        Assert.Null(await ScalarAsync(second, "SELECT to_regclass('consents')::text"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
    }
}
