using NetworkHub.Testing;
using Npgsql;

namespace NetworkHub.Benchmarks;

/// <summary>Server versions for the reports; a version that cannot be read is reported as unknown, not fatal.</summary>
public static class BenchmarkEnvironment
{
    public static Task<string> RabbitMqVersionAsync(RabbitMqNode node) =>
        TryAsync(async () => (await node.RunCtlAsync("eval", "rabbit_misc:version().")).Trim().Trim('"'));

    public static Task<string> PostgresVersionAsync(string connectionString) => TryAsync(async () =>
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    });

    private static async Task<string> TryAsync(Func<Task<string>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e)
        {
            return $"unknown ({e.GetType().Name})";
        }
    }
}
