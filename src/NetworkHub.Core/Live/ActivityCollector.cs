using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Telemetry;

namespace NetworkHub.Core.Live;

/// <summary>
/// Reads what one write transaction recorded — hand-offs, alerts, quarantined input, overrides for review — as it is saved, and hands it to
/// the <see cref="IActivitySink"/> once the transaction has committed. Every routing, deadline, quarantine and alert
/// transaction is a write transaction, so this is the one place activity is raised, and the live view shows what the
/// database holds: nothing that was rolled back, nothing twice. A step no single row tells (an MDO answer, which does
/// not name its convener) is raised by the workflow that records it (<see cref="Raise"/>), and kept back the same way.
/// For the same reason the hub's metrics are counted here (<see cref="HubMetrics"/>).
/// </summary>
internal sealed class ActivityCollector : IDisposable
{
    private static readonly ConditionalWeakTable<DbContext, ActivityCollector> Watching = new();

    private readonly DbContext _context;
    private readonly IActivitySink? _sink;
    private readonly bool _counting = HubMetrics.Enabled;
    private readonly List<(object Entity, bool Added)> _saving = [];
    private readonly List<HubActivity> _saved = [];
    private readonly List<HubActivity> _raised = [];
    private readonly List<object> _counted = [];

    private ActivityCollector(DbContext context, IActivitySink? sink)
    {
        _context = context;
        _sink = sink;
        _context.SavingChanges += OnSaving;
        _context.SavedChanges += OnSaved;
        _context.SaveChangesFailed += OnFailed;
        Watching.AddOrUpdate(context, this);
    }

    /// <summary>A collector for the context's transaction, or null when nobody watches or counts (the operator tools, most specs).</summary>
    public static ActivityCollector? Attach(DbContext context)
    {
        var sink = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<IActivitySink>();
        return sink is not null || HubMetrics.Enabled ? new ActivityCollector(context, sink) : null;
    }

    /// <summary>After the commit: counts and hands on what was saved. A sink that fails must not fail a transaction that committed.</summary>
    public void Committed()
    {
        HubMetrics.Committed(_counted);
        _counted.Clear();
        if (_sink is null || _saved.Count == 0)
        {
            return;
        }

        try
        {
            _sink.Publish(_saved.ToArray());
        }
        catch (Exception)
        {
            // Watching is best effort: the records are in the database, where the console reads them on load.
        }

        _saved.Clear();
    }

    /// <summary>Raises <paramref name="activity"/> with what the context's write transaction saves next, once it has committed.</summary>
    public static void Raise(DbContext context, HubActivity activity)
    {
        if (Watching.TryGetValue(context, out var collector))
        {
            collector._raised.Add(activity);
        }
    }

    public void Dispose()
    {
        Watching.Remove(_context);
        _context.SavingChanges -= OnSaving;
        _context.SavedChanges -= OnSaved;
        _context.SaveChangesFailed -= OnFailed;
    }

    private void OnSaving(object? sender, SavingChangesEventArgs e)
    {
        _saving.Clear();
        foreach (var entry in _context.ChangeTracker.Entries())
        {
            var watched = entry.Entity switch
            {
                HandOff => entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(nameof(HandOff.State)).IsModified),
                AlertRecord => entry.State is EntityState.Added or EntityState.Modified,
                QuarantineEntry => entry.State == EntityState.Added,
                PrivacyReviewItem => entry.State is EntityState.Added or EntityState.Modified,
                AccessLogEntry { Event: AccessEventKind.Refusal } => _counting && entry.State == EntityState.Added,
                _ => false,
            };
            if (watched)
            {
                _saving.Add((entry.Entity, entry.State == EntityState.Added));
            }
        }
    }

    /// <summary>Read after saving, when generated ids (alerts, quarantine) are known.</summary>
    private void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        if (_counting)
        {
            _counted.AddRange(_saving.Select(s => s.Entity));
        }

        foreach (var accepted in _saving.Where(s => s.Added).Select(s => s.Entity).OfType<HandOff>().GroupBy(h => h.MessageId))
        {
            var first = accepted.First();
            _saved.Add(new HandOffAccepted(first.MessageId, first.CorrelationId, first.Contract, first.Sender,
                accepted.Select(h => h.Recipient).ToArray(), first.CreatedAt));
        }

        foreach (var (entity, added) in _saving)
        {
            switch (entity)
            {
                case HandOff { } changed when !added:
                    _saved.Add(new HandOffChanged(changed.MessageId, changed.Contract, changed.Sender, changed.Recipient, changed.State, changed.ReturnCode,
                        changed.AcknowledgedAt ?? changed.ReturnedAt ?? changed.OverdueAt ?? changed.CreatedAt));
                    break;
                case AlertRecord alert:
                    _saved.Add(AlertChanged.From(alert, alert.ResolvedAt ?? alert.AcknowledgedAt ?? alert.RaisedAt));
                    break;
                case QuarantineEntry kept:
                    _saved.Add(new InputQuarantined(kept.Id, kept.Sender, kept.Contract, kept.Code, kept.ReceivedAt));
                    break;
                case PrivacyReviewItem review:
                    _saved.Add(PrivacyReviewChanged.From(review));
                    break;
            }
        }

        _saving.Clear();
        _saved.AddRange(_raised);
        _raised.Clear();
    }

    private void OnFailed(object? sender, SaveChangesFailedEventArgs e)
    {
        _saving.Clear();
        _raised.Clear();
    }
}
