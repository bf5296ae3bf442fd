using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NetworkHub.Core.Live;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// Write transactions. SQLite admits one writer per database file; a second writer's BEGIN IMMEDIATE fails as
/// busy, and Microsoft.Data.Sqlite then retries by putting its thread to sleep, so concurrent handlers spend
/// most of their time asleep. The hub therefore queues its SQLite writers itself, asynchronously and in order of
/// arrival, one per file. PostgreSQL takes concurrent writers as they come. Every change the hub records goes through
/// here, so this is also where what it recorded is raised for live watchers, once committed.
/// </summary>
public static class WriteTransactions
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    public static async Task<WriteTransaction> BeginWriteTransactionAsync(this DatabaseFacade database, CancellationToken ct)
    {
        var gate = database.GetDbConnection() is SqliteConnection sqlite
            ? SqliteWriters.GetOrAdd(sqlite.DataSource, _ => new SemaphoreSlim(1, 1))
            : null;
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        try
        {
            var context = ((IDatabaseFacadeDependenciesAccessor)database).Context;
            return new WriteTransaction(await database.BeginTransactionAsync(ct), gate, ActivityCollector.Attach(context));
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}

/// <summary>
/// A database transaction that holds the SQLite writer's place until it is disposed, and raises what it recorded once
/// it has committed.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly SemaphoreSlim? _gate;
    private readonly ActivityCollector? _activity;

    internal WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate, ActivityCollector? activity)
    {
        _transaction = transaction;
        _gate = gate;
        _activity = activity;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await _transaction.CommitAsync(ct);
        _activity?.Committed();
    }

    public async ValueTask DisposeAsync()
    {
        _activity?.Dispose();
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            _gate?.Release();
        }
    }
}
