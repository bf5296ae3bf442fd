using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Specs.Persistence;

/// <summary>SQLite has one writer per file; the hub queues its writers instead of letting them sleep on a busy database.</summary>
public sealed class WriteTransactionSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("networkhub-write-").FullName;

    [Fact]
    public async Task A_second_sqlite_writer_waits_until_the_first_has_finished_and_then_goes_ahead()
    {
        await using var first = Context();
        await using var second = Context();
        await first.Database.EnsureCreatedAsync();

        var firstTransaction = await first.Database.BeginWriteTransactionAsync(CancellationToken.None);
        var secondTransaction = second.Database.BeginWriteTransactionAsync(CancellationToken.None);
        Assert.False(secondTransaction.IsCompleted); // queued behind the first, not failing as busy

        await firstTransaction.DisposeAsync();
        await using var granted = await secondTransaction.WaitAsync(TimeSpan.FromSeconds(10));
        await granted.CommitAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writers_of_different_sqlite_files_do_not_wait_for_each_other()
    {
        await using var one = Context("one.db");
        await using var other = Context("other.db");
        await one.Database.EnsureCreatedAsync();
        await other.Database.EnsureCreatedAsync();

        await using var held = await one.Database.BeginWriteTransactionAsync(CancellationToken.None);
        var elsewhere = other.Database.BeginWriteTransactionAsync(CancellationToken.None);

        await using var granted = await elsewhere.WaitAsync(TimeSpan.FromSeconds(10)); // throws if it waited for the other file
        await granted.CommitAsync(CancellationToken.None);
    }

    private HubDbContext Context(string file = "hub.db") =>
        new(new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, file)}").Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
