using Microsoft.EntityFrameworkCore;

namespace NetworkHub.Core.Persistence;

public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : DbContext(options)
{
    public DbSet<OrganisationRecord> Organisations => Set<OrganisationRecord>();
    public DbSet<InboxEntry> Inbox => Set<InboxEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<HandOff> HandOffs => Set<HandOff>();
    public DbSet<Deadline> Deadlines => Set<Deadline>();
    public DbSet<QuarantineEntry> Quarantine => Set<QuarantineEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<OrganisationRecord>(e =>
        {
            e.ToTable("organisations");
            e.HasKey(x => x.Code);
            e.HasIndex(x => x.BrokerUser).IsUnique();
            e.Property(x => x.Type).HasConversion<string>();
        });
        model.Entity<InboxEntry>(e =>
        {
            e.ToTable("inbox");
            e.HasKey(x => x.MessageId);
            e.Property(x => x.Outcome).HasConversion<string>();
        });
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CausationId);
            e.HasIndex(x => new { x.DispatchedAt, x.CreatedAt });
        });
        model.Entity<HandOff>(e =>
        {
            e.ToTable("hand_offs");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.MessageId, x.Recipient }).IsUnique();
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => new { x.Sender, x.CreatedAt });
            e.Property(x => x.State).HasConversion<string>();
            e.Property(x => x.ReturnCode).HasConversion<string>();
        });
        model.Entity<Deadline>(e =>
        {
            e.ToTable("deadlines");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.FiredAt, x.DueAt });
            e.HasIndex(x => x.Reference);
            e.Property(x => x.Kind).HasConversion<string>();
        });
        model.Entity<QuarantineEntry>(e =>
        {
            e.ToTable("quarantine");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.ReceivedAt);
            e.Property(x => x.Code).HasConversion<string>();
        });

        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset natively; store UTC ticks so deadline scans use the index.
            foreach (var property in model.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                         .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(property.ClrType == typeof(DateTimeOffset)
                    ? DateTimeOffsetTicks.Converter
                    : DateTimeOffsetTicks.NullableConverter);
            }
        }
    }
}
