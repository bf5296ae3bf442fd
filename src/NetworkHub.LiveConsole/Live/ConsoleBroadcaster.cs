using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Live;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Registry;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole.Live;

/// <summary>
/// Broadcasts activity to the browsers of this instance: buffers what the hub raises (bounded; when full the oldest is
/// dropped and counted, so the hub never waits for a browser), and about once a second sends each group one batch
/// with what it may see. A slow browser delays only the batches, never routing.
/// </summary>
public sealed class ConsoleBroadcaster : BackgroundService, IActivitySink
{
    private readonly Channel<HubActivity> _buffer;
    private readonly IHubContext<ConsoleHub> _hub;
    private readonly PartnerActivity _partners;
    private readonly OrganisationRegistry _registry;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ConsoleOptions _options;
    private readonly ILogger<ConsoleBroadcaster> _logger;
    private long _dropped;
    private long _droppedReported;

    public ConsoleBroadcaster(IHubContext<ConsoleHub> hub, PartnerActivity partners, OrganisationRegistry registry, IServiceScopeFactory scopes,
        TimeProvider clock, IOptions<ConsoleOptions> options, ILogger<ConsoleBroadcaster> logger)
    {
        _hub = hub;
        _partners = partners;
        _registry = registry;
        _scopes = scopes;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        _buffer = Channel.CreateBounded<HubActivity>(
            new BoundedChannelOptions(_options.BufferCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Activity dropped since start because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(IReadOnlyList<HubActivity> activity)
    {
        foreach (var item in activity)
        {
            _buffer.Writer.TryWrite(item); // never waits: a full buffer drops its oldest item instead
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SeedPartnersAsync(stoppingToken);
        using var timer = new PeriodicTimer(_options.BatchInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var batch = new List<HubActivity>();
            while (batch.Count < _options.BufferCapacity && _buffer.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await BroadcastAsync(batch, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning("A console batch of {Count} items could not be sent ({Failure})", batch.Count, e.GetType().Name);
            }
        }
    }

    private async Task SeedPartnersAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await _partners.SeedAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _logger.LogWarning("The partners view starts without the last hour's numbers: reading them failed ({Failure})", e.GetType().Name);
        }
    }

    private async Task BroadcastAsync(IReadOnlyList<HubActivity> batch, CancellationToken ct)
    {
        var touched = batch.SelectMany(_partners.Record).ToHashSet(StringComparer.Ordinal);
        var dropped = Dropped;
        if (dropped > _droppedReported)
        {
            _logger.LogWarning("The console dropped {Dropped} activity items so far: browsers did not keep up", dropped);
            _droppedReported = dropped;
        }

        var sends = new List<Task> { SendAsync(ConsoleGroups.Operations, batch, touched.Contains, dropped, ct) };
        foreach (var organisation in batch.SelectMany(a => a.Organisations).Distinct(StringComparer.Ordinal))
        {
            if (_registry.Find(organisation) is not null)
            {
                sends.Add(SendAsync(ConsoleGroups.Of(organisation), batch.Where(a => a.Organisations.Contains(organisation)).ToArray(),
                    code => code == organisation && touched.Contains(code), dropped, ct));
            }
        }

        await Task.WhenAll(sends);
    }

    private Task SendAsync(string group, IReadOnlyList<HubActivity> visible, Func<string, bool> partners, long dropped, CancellationToken ct)
    {
        // Activity arrives oldest first: keep the newest rows and changes, count what is left out.
        var limit = _options.LiveRowsPerBatch;
        var feed = visible.Where(a => a is HandOffAccepted or InputQuarantined).ToArray();
        var changes = visible.OfType<HandOffChanged>().ToArray();
        var batch = new LiveBatch(_clock.GetUtcNow(),
            feed.TakeLast(limit).Select(a => a is HandOffAccepted accepted ? FeedRow.Of(accepted) : FeedRow.Of((InputQuarantined)a)).ToArray(),
            changes.TakeLast(limit).Select(FeedChange.Of).ToArray(),
            visible.OfType<AlertChanged>().Select(AlertView.Of).ToArray(),
            _partners.Rows(partners),
            Math.Max(0, feed.Length - limit) + Math.Max(0, changes.Length - limit),
            dropped)
        {
            Mdo = visible.OfType<MdoStepTaken>().Select(MdoStepView.Of).ToArray(),
            Reviews = visible.OfType<PrivacyReviewChanged>().Select(ReviewRow.Of).ToArray(),
        };
        return batch.IsEmpty ? Task.CompletedTask : _hub.Clients.Group(group).SendAsync("activity", batch, ct);
    }
}
