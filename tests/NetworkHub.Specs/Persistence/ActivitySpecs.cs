using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Live;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Specs.Persistence;

/// <summary>What a write transaction saved is raised for live watchers once it committed: never before, never when rolled back.</summary>
public sealed class ActivitySpecs : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("networkhub-activity-").FullName;
    private readonly Recorder _raised = new();

    [Fact]
    public async Task A_routed_message_and_an_alert_are_raised_once_the_transaction_commits()
    {
        await using var db = await ContextAsync();
        var messageId = Guid.NewGuid();
        await using (var tx = await db.Database.BeginWriteTransactionAsync(CancellationToken.None))
        {
            db.HandOffs.AddRange(HandOff(messageId, "wijkteam-noord"), HandOff(messageId, "huisarts-de-linde"));
            db.Alerts.Add(AlertRecord.Raise(Guid.NewGuid(), "AcknowledgementOverdue", null, ["school-de-regenboog"], "overdue", Now));
            await db.SaveChangesAsync();
            Assert.Empty(_raised.Activity); // saved, not yet committed

            await tx.CommitAsync(CancellationToken.None);
        }

        var accepted = Assert.Single(_raised.Activity.OfType<HandOffAccepted>());
        Assert.Equal((messageId, "V1.Signaal", "school-de-regenboog"), (accepted.MessageId, accepted.Contract, accepted.Sender));
        Assert.Equal(["huisarts-de-linde", "wijkteam-noord"], accepted.Recipients.Order());
        var alert = Assert.Single(_raised.Activity.OfType<AlertChanged>());
        Assert.True(alert.AlertId > 0); // the id the database gave it
        Assert.Equal(2, _raised.Activity.Count);
    }

    [Fact]
    public async Task A_transaction_that_rolls_back_raises_nothing()
    {
        await using var db = await ContextAsync();
        await using (await db.Database.BeginWriteTransactionAsync(CancellationToken.None))
        {
            db.HandOffs.Add(HandOff(Guid.NewGuid(), "wijkteam-noord"));
            await db.SaveChangesAsync();
        } // disposed without a commit

        Assert.Empty(_raised.Activity);
    }

    private async Task<HubDbContext> ContextAsync()
    {
        var services = new ServiceCollection().AddSingleton<IActivitySink>(_raised).BuildServiceProvider();
        var db = new HubDbContext(new DbContextOptionsBuilder<HubDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "hub.db")}")
            .UseApplicationServiceProvider(services)
            .Options);
        await db.Database.EnsureCreatedAsync();
        return db;
    }

    private static HandOff HandOff(Guid messageId, string recipient) => new()
    {
        Id = Guid.NewGuid(), MessageId = messageId, CorrelationId = messageId, Sender = "school-de-regenboog", Recipient = recipient,
        Contract = "V1.Signaal", State = HandOffState.Accepted, CreatedAt = Now,
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Recorder : IActivitySink
    {
        public List<HubActivity> Activity { get; } = [];

        public void Publish(IReadOnlyList<HubActivity> activity) => Activity.AddRange(activity);
    }
}
