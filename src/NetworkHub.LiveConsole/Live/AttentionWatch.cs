using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Registry;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole.Live;

/// <summary>
/// Works out the attention list's state items (<see cref="DerivedAttention"/>) once per interval for the whole network,
/// however many browsers are open, and pushes them to each group whose items changed: the operations team gets all,
/// an organisation those that concern it. They change with time (a hand-off becomes due soon, a partner goes silent),
/// so they are worked out again on a timer rather than from activity.
/// </summary>
public sealed class AttentionWatch(IHubContext<ConsoleHub> hub, IServiceScopeFactory scopes, OrganisationRegistry registry, IOptions<ConsoleOptions> options,
    ILogger<AttentionWatch> logger) : BackgroundService
{
    public const string Message = "attention-items";
    private readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<AttentionItem>? _current;

    /// <summary>The items as last worked out (worked out now when the watch has not run yet).</summary>
    public async Task<IReadOnlyList<AttentionItem>> CurrentAsync(CancellationToken ct) => _current ?? await ReadAsync(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AttentionInterval);
        do
        {
            try
            {
                var items = _current = await ReadAsync(stoppingToken);
                await SendAsync(ConsoleGroups.Operations, items, stoppingToken);
                foreach (var organisation in registry.All.Select(o => o.Code))
                {
                    await SendAsync(ConsoleGroups.Of(organisation), [.. items.Where(i => i.Organisations.Contains(organisation))], stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The attention list's state items could not be worked out ({Failure}); trying again", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<IReadOnlyList<AttentionItem>> ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DerivedAttention>().ReadAsync(ct);
    }

    /// <summary>Only what changed: the same items with the same counts are not sent again.</summary>
    private Task SendAsync(string group, IReadOnlyList<AttentionItem> items, CancellationToken ct)
    {
        var fingerprint = string.Join("|", items.Select(i => $"{i.Key}:{i.Count}:{i.Since.UtcTicks}"));
        if (_sent.TryGetValue(group, out var sent) && sent == fingerprint)
        {
            return Task.CompletedTask;
        }

        _sent[group] = fingerprint;
        return hub.Clients.Group(group).SendAsync(Message, items, ct);
    }
}
