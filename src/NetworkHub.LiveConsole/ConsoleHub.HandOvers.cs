using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Steering;
using NetworkHub.Core.Workflows;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>What the hand-overs view asks: the origin (the operations team's choice; others get their own), a period of local dates, a state, and why.</summary>
public sealed record HandOverRequest(string? Origin, string From, string Until, string? State, string? Why);

/// <summary>A case by a partner's own reference for the child: the partner is the user's own organisation, or the operations team's choice.</summary>
public sealed record HandOverCaseRequest(string Reference, string? Sender, string? Why);

/// <summary>
/// The hand-overs view: warm hand-overs by origin and period, and a case's history by a partner's reference. Operators
/// only, scoped to their organisation (the operations team: any); every query is written to the access log with who
/// asked, what and why, and a request outside the user's organisation is refused and logged.
/// </summary>
public sealed partial class ConsoleHub
{
    private const int MaxWhyLength = 200;

    public async Task<HandOversSnapshot> HandOvers(HandOverRequest request, HandOverTrace trace)
    {
        var why = await TracerAsync("trace hand-overs", request.Why);
        var origin = await ScopeAsync(request.Origin, "hand-overs") ?? throw new HubException("Choose the organisation where the cases started.");
        var query = new HandOverQuery(origin, Day(request.From, "From"), Day(request.Until, "Until"),
            string.IsNullOrEmpty(request.State) ? null
            : Enum.TryParse<HandOverState>(request.State, ignoreCase: true, out var state) ? state
            : throw new HubException($"'{request.State}' is not a hand-over state."));
        if (query.From > query.Until)
        {
            throw new HubException("From must not be after Until.");
        }

        var list = await trace.ListAsync(query, new TraceRequester(User.Name, User.Organisation, "console", why), Context.ConnectionAborted);
        return new(list.Now, [.. list.HandOvers.Select(HandOverRow.Of)], list.Truncated);
    }

    public async Task<CaseHistory> HandOverCase(HandOverCaseRequest request, HandOverTrace trace, Pseudonymizer pseudonymizer)
    {
        var why = await TracerAsync("look up a case", request.Why);
        var sender = await ScopeAsync(request.Sender, "a case") ?? throw new HubException("Choose the organisation whose reference it is.");
        var reference = request.Reference?.Trim() ?? "";
        var keys = pseudonymizer.SubjectKeyCandidates(new SubjectReference { Role = SubjectRole.Child, SenderReference = reference }, sender);
        if (keys.Count == 0)
        {
            throw new HubException("Give the reference as your organisation knows the child.");
        }

        return await trace.CaseAsync(reference, sender, keys, new TraceRequester(User.Name, User.Organisation, "console", why), Context.ConnectionAborted);
    }

    /// <summary>Only operators trace (refused and logged otherwise), and each says why.</summary>
    private async Task<string> TracerAsync(string action, string? why)
    {
        var user = User;
        if (user.Role != ConsoleRoles.Operator)
        {
            throw await refusals.RefuseAsync(user, action, $"Only operators trace hand-overs; {user.Name} is a {user.Role}.", Context.ConnectionAborted);
        }

        return why?.Trim() is { Length: > 0 } given
            ? given[..Math.Min(given.Length, MaxWhyLength)]
            : throw new HubException("Say why you ask: the access log records it with your name.");
    }

    private static DateOnly Day(string text, string what) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new HubException($"{what} takes a date (yyyy-MM-dd).");
}
