using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;
using NetworkHub.LiveConsole.Access;
using NetworkHub.LiveConsole.Views;

namespace NetworkHub.LiveConsole;

/// <summary>Which quarantined input: by business keys, as the browser sends them (a code as NH021 or its name, a case as its id).</summary>
public sealed record QuarantineFilter(string? Organisation, string? Contract, string? Code, string? Case, DateTimeOffset? From, DateTimeOffset? Until, int? Max);

public sealed record QuarantineRowView(long Id, DateTimeOffset ReceivedAt, string? Sender, string? Contract, Guid? MessageId, Guid? Case, CodeView Code, string Reason)
{
    public static QuarantineRowView Of(QuarantineEntry e) => new(e.Id, e.ReceivedAt, e.Sender, e.Contract, e.MessageId, e.CorrelationId, CodeView.Of(e.Code)!, e.Reason);
}

public sealed record QuarantineCountView(string? Contract, CodeView Code, int Count);

/// <summary>What a selection holds: how many (all), by code and contract, and the entries a replay would take (oldest first).</summary>
public sealed record QuarantineSnapshot(DateTimeOffset Now, int Count, IReadOnlyList<QuarantineCountView> ByCodeAndContract, IReadOnlyList<QuarantineRowView> Entries,
    IReadOnlyList<CodeView> Codes);

/// <summary>One entry: its body as fields, personal data masked; an unreadable body only as its size.</summary>
public sealed record QuarantineDetailView(QuarantineRowView Entry, int Size, bool Readable, IReadOnlyList<FieldView> Fields,
    string? ReplayedBy, DateTimeOffset? ReplayedAt, string? ReplayOutcome);

public sealed record ReplayVerdictView(long EntryId, Guid? MessageId, string? Contract, string? Sender, string Outcome, CodeView? Code, IReadOnlyList<string> RoutedTo,
    string? Reason)
{
    public static ReplayVerdictView Of(ReplayVerdict v) => new(v.EntryId, v.MessageId, v.Contract, v.Sender, v.Outcome.ToString(), CodeView.Of(v.Code), v.RoutedTo, v.Reason);
}

public sealed record ReplayProgressView(int Done, int Total, IReadOnlyList<ReplayVerdictView> Batch);

/// <summary>
/// Quarantine and replay in the console. Operators and privacy officers see the input their organisation sent (the
/// operations team all of it), its body masked; only operators dry-run and replay it, through Core's
/// <see cref="QuarantineReplay"/> as the operator tool does, under their own name.
/// </summary>
public sealed partial class ConsoleHub
{
    private const int MaxReplayFromConsole = 1000;

    public async Task<QuarantineSnapshot> QuarantineList(QuarantineFilter filter, QuarantineReplay replay)
    {
        var selection = await SelectionAsync(filter, "quarantined input", mayAct: false);
        var ct = Context.ConnectionAborted;
        var preview = await replay.PreviewAsync(selection, ct);
        var entries = await replay.ListAsync(selection, ct);
        return new(clock.GetUtcNow(), preview.Count,
            [.. preview.ByCodeAndContract.Select(c => new QuarantineCountView(c.Contract, CodeView.Of(c.Code)!, c.Count))],
            [.. entries.Select(QuarantineRowView.Of)],
            [.. ReturnCodes.All.Select(c => CodeView.Of(c.Code)!)]);
    }

    /// <summary>One entry's body as fields, masked; looking is logged (who looked at which family's message), masked or not.</summary>
    public async Task<QuarantineDetailView> QuarantineDetail(long id, QuarantineRecords records)
    {
        var user = User;
        var ct = Context.ConnectionAborted;
        await RequireQuarantineRoleAsync(user, $"quarantined message #{id}", mayAct: false);
        var (entry, record) = await records.ReadAsync(id, ct) ?? throw new HubException($"There is no quarantined message #{id}.");

        if (!user.SeesAny(record.Concerns))
        {
            throw await refusals.RefuseAsync(user, $"quarantined message #{id} of {entry.Sender ?? "an unknown sender"}",
                $"{user.Name} works for {user.Organisation} and sees only the input it sent.", ct);
        }

        await LogActionAsync(user, AccessEventKind.OperatorAction, $"Viewed quarantined message #{id} in the console, personal data masked.", entry.MessageId);
        return new(QuarantineRowView.Of(entry), entry.Body.Length, record.Fields.Count > 0, FieldView.Masking(record.Fields),
            entry.ReplayedBy, entry.ReplayedAt, entry.ReplayOutcome?.ToString());
    }

    public async Task<IReadOnlyList<ReplayVerdictView>> QuarantineDryRun(QuarantineFilter filter, QuarantineReplay replay)
    {
        var selection = await SelectionAsync(filter, "a dry run of quarantined input", mayAct: true);
        var verdicts = await replay.DryRunAsync(selection, Actor(User), Context.ConnectionAborted);
        return [.. verdicts.Select(ReplayVerdictView.Of)];
    }

    /// <summary>Replays the selection at the pace asked, streaming progress after each batch; closing the page stops it after the batch under way.</summary>
    public async IAsyncEnumerable<ReplayProgressView> ReplayQuarantined(QuarantineFilter filter, int batchSize, double perSecond, QuarantineReplay replay,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var selection = await SelectionAsync(filter, "a replay of quarantined input", mayAct: true);
        var pace = new ReplayPace(batchSize, perSecond);
        if (pace.Problem is { } problem)
        {
            throw new HubException(problem);
        }

        await foreach (var progress in replay.ReplayAsync(selection, Actor(User), pace, ct))
        {
            yield return new ReplayProgressView(progress.Done, progress.Total, [.. progress.Batch.Select(ReplayVerdictView.Of)]);
        }
    }

    private static ReplayActor Actor(ConsoleUser user) => new(user.Name, user.Organisation, "console");

    /// <summary>The filter as a selection scoped to what the user may see; another organisation's is refused and logged.</summary>
    private async Task<QuarantineSelection> SelectionAsync(QuarantineFilter filter, string what, bool mayAct)
    {
        await RequireQuarantineRoleAsync(User, what, mayAct);
        var organisation = await ScopeAsync(filter.Organisation, what);
        ReturnCode? code = null;
        if (!string.IsNullOrEmpty(filter.Code))
        {
            code = ReturnCodes.All.FirstOrDefault(c => c.Id == filter.Code || c.Code.ToString() == filter.Code)?.Code
                   ?? throw new HubException($"'{filter.Code}' is not a return code.");
        }

        Guid? correlation = null;
        if (!string.IsNullOrWhiteSpace(filter.Case))
        {
            correlation = Guid.TryParse(filter.Case.Trim(), out var id) ? id : throw new HubException("A case is its correlation id (a GUID).");
        }

        return new QuarantineSelection
        {
            Organisation = organisation,
            Contract = string.IsNullOrEmpty(filter.Contract) ? null : filter.Contract,
            Code = code,
            Case = correlation,
            From = filter.From,
            Until = filter.Until,
            Max = Math.Clamp(filter.Max ?? 100, 1, MaxReplayFromConsole),
        };
    }

    private async Task RequireQuarantineRoleAsync(ConsoleUser user, string what, bool mayAct)
    {
        if (user.Role == ConsoleRoles.Operator || (!mayAct && user.Role == ConsoleRoles.PrivacyOfficer))
        {
            return;
        }

        throw await refusals.RefuseAsync(user, what, mayAct
            ? $"Only operators replay quarantined input; {user.Name} is a {user.Role}."
            : $"Only operators and privacy officers see quarantined input; {user.Name} is a {user.Role}.", Context.ConnectionAborted);
    }

    private async Task LogActionAsync(ConsoleUser user, AccessEventKind kind, string what, Guid? about)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(Context.ConnectionAborted);
        db.AccessLog.Add(AccessLogEntries.ForOperator(kind, user.Name, user.Organisation, what, clock.GetUtcNow(), about));
        await db.SaveChangesAsync(Context.ConnectionAborted);
        await tx.CommitAsync(Context.ConnectionAborted);
    }
}
