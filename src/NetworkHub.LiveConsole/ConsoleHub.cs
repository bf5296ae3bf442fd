using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Registry;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Live;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

public sealed record OrganisationView(string Code, string Name, string Type);

/// <summary>
/// Who is signed in, the hub's directory of organisations (names are no secret: a user's own traffic names the others),
/// the hub's clock and when a partner counts as silent.
/// </summary>
public sealed record SessionView(string User, string Role, string Organisation, bool MayTriage, IReadOnlyList<OrganisationView> Organisations,
    DateTimeOffset Now, TimeSpan SilentAfter);

/// <summary>What the feed shows on load: all organisations' (operations team) or the user's own, optionally by contract and state.</summary>
public sealed record FeedFilter(string? Organisation, string? Contract, string? State);

public sealed record FeedSnapshot(DateTimeOffset Now, IReadOnlyList<FeedRow> Rows);

public sealed record AttentionSnapshot(DateTimeOffset Now, IReadOnlyList<AlertView> Alerts);

public sealed record PartnersSnapshot(DateTimeOffset Now, IReadOnlyList<PartnerRow> Partners);

/// <summary>
/// The console's live hub (/hubs/console). Each connection joins the group of its user's organisation (or the
/// operations team's) on connecting; every method scopes what it reads and does to that same organisation, whatever
/// the browser asks for. A request for another organisation is refused and written to the access log.
/// Each view's methods live in a part of their own (ConsoleHub.View.cs) and take the services only they need as
/// method parameters.
/// </summary>
[Authorize(Policy = ConsoleAuthentication.Policy)]
public sealed partial class ConsoleHub(
    ConsoleReader reader, AlertDesk alerts, ConsoleRefusals refusals, PartnerActivity partners, OrganisationRegistry registry, HubDbContext db,
    TimeProvider clock, IOptions<ConsoleOptions> options) : Hub
{
    private const int MaxNoteLength = 500;

    private ConsoleUser User => ConsoleUser.From(Context.User);

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ConsoleGroups.For(User));
        await base.OnConnectedAsync();
    }

    public SessionView Session() => new(User.Name, User.Role, User.Organisation, User.Role == ConsoleRoles.Operator,
        registry.All.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new OrganisationView(o.Code, o.Name, o.Type.ToString())).ToArray(),
        clock.GetUtcNow(), options.Value.SilentAfter);

    public async Task<FeedSnapshot> Feed(FeedFilter filter)
    {
        var organisation = await ScopeAsync(filter.Organisation, "the feed");
        return new(clock.GetUtcNow(), await reader.FeedAsync(organisation, filter.Contract, filter.State, Context.ConnectionAborted));
    }

    public async Task<AttentionSnapshot> Attention(string? organisation)
    {
        var scope = await ScopeAsync(organisation, "the attention list");
        return new(clock.GetUtcNow(), await reader.AttentionAsync(scope, Context.ConnectionAborted));
    }

    public PartnersSnapshot Partners() => new(clock.GetUtcNow(), partners.Rows(User.Sees));

    /// <summary>Someone picks the alert up: the attention list shows who.</summary>
    public Task<AlertView> Acknowledge(long alertId, string? note) =>
        TriageAsync(alertId, "pick up", note, (actor, text) => alerts.AcknowledgeAsync(alertId, actor, text, Context.ConnectionAborted));

    public Task<AlertView> Resolve(long alertId, string? note) =>
        TriageAsync(alertId, "resolve", note, (actor, text) => alerts.ResolveAsync(alertId, actor, text, Context.ConnectionAborted));

    private async Task<AlertView> TriageAsync(long alertId, string action, string? note, Func<AlertActor, string?, Task<AlertRecord?>> change)
    {
        var user = User;
        var ct = Context.ConnectionAborted;
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, ct)
                    ?? throw new HubException($"There is no alert {alertId}.");
        if (user.Role != ConsoleRoles.Operator)
        {
            throw await refusals.RefuseAsync(user, $"{action} alert #{alertId}", $"Only operators act on alerts; {user.Name} is a {user.Role}.", ct);
        }

        var concerns = alert.Organisations.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!user.SeesAny(concerns))
        {
            throw await refusals.RefuseAsync(user, $"{action} alert #{alertId} of {alert.Organisations}",
                $"The alert does not concern {user.Organisation}, the organisation {user.Name} works for.", ct);
        }

        var text = note?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, MaxNoteLength)] : null;
        var changed = await change(new AlertActor(user.Name, user.Organisation, "console"), text);
        return AlertView.Of(changed!);
    }

    /// <summary>The organisation a request may read: the user's own (or anyone's for the operations team); another is refused and logged.</summary>
    private async Task<string?> ScopeAsync(string? requested, string what)
    {
        var user = User;
        if (string.IsNullOrEmpty(requested))
        {
            return user.IsOperationsTeam ? null : user.Organisation;
        }

        if (user.Sees(requested))
        {
            return requested;
        }

        throw await refusals.RefuseAsync(user, $"{what} of {requested}",
            $"{user.Name} works for {user.Organisation} and sees only its traffic.", Context.ConnectionAborted);
    }
}
