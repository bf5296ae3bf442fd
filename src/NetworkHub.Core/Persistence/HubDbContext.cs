using Microsoft.EntityFrameworkCore;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Core.Persistence;

public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : DbContext(options)
{
    public DbSet<OrganisationRecord> Organisations => Set<OrganisationRecord>();
    public DbSet<InboxEntry> Inbox => Set<InboxEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<HandOff> HandOffs => Set<HandOff>();
    public DbSet<Deadline> Deadlines => Set<Deadline>();
    public DbSet<QuarantineEntry> Quarantine => Set<QuarantineEntry>();
    public DbSet<ConsentRow> Consents => Set<ConsentRow>();
    public DbSet<PseudonymKeyRow> PseudonymKeys => Set<PseudonymKeyRow>();
    public DbSet<SubjectKeyAlias> SubjectKeyAliases => Set<SubjectKeyAlias>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<AccessLogHead> AccessLogHead => Set<AccessLogHead>();
    public DbSet<PrivacyReviewItem> PrivacyReviews => Set<PrivacyReviewItem>();
    public DbSet<HandOverRecord> HandOvers => Set<HandOverRecord>();
    public DbSet<SignalRecord> Signals => Set<SignalRecord>();
    public DbSet<MatchRecord> Matches => Set<MatchRecord>();
    public DbSet<FamilyLink> FamilyLinks => Set<FamilyLink>();
    public DbSet<RegieRecord> Regie => Set<RegieRecord>();
    public DbSet<MdoRecord> Mdos => Set<MdoRecord>();
    public DbSet<MdoAnswerRecord> MdoAnswers => Set<MdoAnswerRecord>();
    public DbSet<EvaluationRecord> Evaluations => Set<EvaluationRecord>();
    public DbSet<EscalationDecision> EscalationDecisions => Set<EscalationDecision>();
    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    public DbSet<ConsoleKeyRow> ConsoleKeys => Set<ConsoleKeyRow>();

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
            e.HasIndex(x => new { x.Recipient, x.CreatedAt }); // the console's network and sturingsinformatie, scoped to one organisation
            e.HasIndex(x => x.CreatedAt); // the whole network's last hour; a month of everyone's sturingsinformatie
            e.HasIndex(x => new { x.State, x.Contract, x.AcknowledgementDueAt }); // the attention list: waiting ones due soon, deletions outstanding
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
        model.Entity<ConsoleKeyRow>(e =>
        {
            e.ToTable("console_keys");
            e.HasKey(x => x.Id);
        });
        model.Entity<AlertRecord>(e =>
        {
            e.ToTable("alerts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.EventId).IsUnique();
            e.HasIndex(x => new { x.State, x.RaisedAt });
            e.HasIndex(x => x.CorrelationId); // a case's timeline
            e.Property(x => x.State).HasConversion<string>();
        });
        model.Entity<QuarantineEntry>(e =>
        {
            e.ToTable("quarantine");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.ReceivedAt);
            e.HasIndex(x => x.MessageId); // a hand-off's timeline
            e.Property(x => x.Code).HasConversion<string>();
            e.Property(x => x.ReplayOutcome).HasConversion<string>();
            e.Property(x => x.ReplayCode).HasConversion<string>();
        });

        model.Entity<HandOverRecord>(e =>
        {
            e.ToTable("hand_overs");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Receiver, x.State });
            e.HasIndex(x => new { x.OriginOrganisation, x.OfferedAt }); // traced by origin and period
            e.HasIndex(x => new { x.Sender, x.OfferedAt }); // ... and those kept before the origin was, by their sender
            e.HasIndex(x => x.OfferedAt);
            e.HasIndex(x => x.SubjectKey); // a case's history
            e.Property(x => x.OriginType).HasConversion<string>();
            e.Property(x => x.State).HasConversion<string>();
        });
        model.Entity<SignalRecord>(e =>
        {
            e.ToTable("signals");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.SubjectKey, x.WithdrawnAt });
            e.HasIndex(x => x.RegisteredAt);
            e.Property(x => x.Role).HasConversion<string>();
            e.Property(x => x.Urgency).HasConversion<string>();
        });
        model.Entity<MatchRecord>(e =>
        {
            e.ToTable("matches");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.SubjectKey);
        });
        model.Entity<FamilyLink>(e =>
        {
            e.ToTable("family_links");
            e.HasKey(x => new { x.SubjectKey, x.RelatedKey });
        });
        model.Entity<RegieRecord>(e =>
        {
            e.ToTable("regie");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.SubjectKey, x.Scope }).IsUnique();
            e.Property(x => x.Scope).HasConversion<string>();
        });
        model.Entity<MdoRecord>(e =>
        {
            e.ToTable("mdos");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.InviteeList);
        });
        model.Entity<MdoAnswerRecord>(e =>
        {
            e.ToTable("mdo_answers");
            e.HasKey(x => new { x.MdoId, x.Organisation });
            e.Property(x => x.Response).HasConversion<string>();
        });
        model.Entity<EvaluationRecord>(e =>
        {
            e.ToTable("evaluations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.SubjectKey, x.EndedAt });
            e.HasIndex(x => new { x.MdoId, x.EndedAt });
            e.Property(x => x.EndedBy).HasConversion<string>();
        });
        model.Entity<EscalationDecision>(e =>
        {
            e.ToTable("escalation_decisions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.SubjectKey, x.DecidedAt });
        });
        model.Entity<EscalationRecord>(e =>
        {
            e.ToTable("escalations");
            e.HasKey(x => x.Id);
        });
        model.Entity<PseudonymKeyRow>(e =>
        {
            e.ToTable("pseudonym_keys");
            e.HasKey(x => x.KeyId);
        });
        model.Entity<SubjectKeyAlias>(e =>
        {
            e.ToTable("subject_key_aliases");
            e.HasKey(x => x.OldKey);
        });
        model.Entity<ConsentRow>(e =>
        {
            e.ToTable("consents");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.SubjectKey, x.Purpose });
            e.HasIndex(x => new { x.RecordedBy, x.ConsentId });
            e.Property(x => x.Purpose).HasConversion<string>();
            e.Property(x => x.ScopeType).HasConversion<string>();
            e.Property(x => x.Decision).HasConversion<string>();
            e.Property(x => x.Method).HasConversion<string>();
        });
        model.Entity<AccessLogEntry>(e =>
        {
            // Rows are inserted, then sealed once (AccessLogStore); the hash chain shows any later change.
            e.ToTable("access_log");
            e.Property<long>("Id");
            e.HasKey("Id");
            e.HasIndex(x => x.Sequence);
            e.HasIndex(x => new { x.SubjectKey, x.At });
            e.HasIndex(x => x.ConsentReference);
            e.HasIndex(x => x.MessageId); // a forwarded answer is filed under the person its hand-off was about
            e.Property(x => x.Event).HasConversion<string>();
            e.Property(x => x.Basis).HasConversion<string>();
            e.Property(x => x.Purpose).HasConversion<string>();
            e.Property(x => x.Code).HasConversion<string>();
        });
        model.Entity<AccessLogHead>(e =>
        {
            e.ToTable("access_log_head");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new AccessLogHead { Id = 1, LastSequence = 0 });
        });
        model.Entity<PrivacyReviewItem>(e =>
        {
            e.ToTable("privacy_reviews");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.At);
            e.HasIndex(x => x.DecidedAt); // the open queue: not yet decided
            e.Ignore(x => x.IsDecided);
            e.Property(x => x.Basis).HasConversion<string>();
            e.Property(x => x.Purpose).HasConversion<string>();
            e.Property(x => x.MeldcodeStep).HasConversion<string>();
            e.Property(x => x.Verdict).HasConversion<string>();
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
