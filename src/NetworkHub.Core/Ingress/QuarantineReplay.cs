using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;

namespace NetworkHub.Core.Ingress;

/// <summary>
/// Which kept input to look at or replay, by business keys: the organisation that sent it, its contract, the code it was
/// returned with, its case (correlation id), when it arrived. Only entries no replay has taken yet; at most <see cref="Max"/>.
/// </summary>
public sealed record QuarantineSelection
{
    public const int MaxLimit = 10_000;

    public string? Organisation { get; init; }
    public string? Contract { get; init; }
    public ReturnCode? Code { get; init; }
    public Guid? Case { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? Until { get; init; }
    public int Max { get; init; } = 100;
}

/// <summary>How fast to replay: messages per batch (progress is reported after each) and at most this many per second.</summary>
public sealed record ReplayPace(int BatchSize, double PerSecond)
{
    public const int MaxBatchSize = 500;

    public static ReplayPace Default { get; } = new(10, 5);

    public string? Problem => BatchSize is < 1 or > MaxBatchSize ? $"The batch size must be 1 to {MaxBatchSize}."
        : !(PerSecond > 0) || double.IsInfinity(PerSecond) ? "The rate must be a number of messages per second above 0."
        : null;
}

public sealed record QuarantineCount(string? Contract, ReturnCode Code, int Count);

/// <summary>How many entries a selection holds (all of them, not only the first <see cref="QuarantineSelection.Max"/>), by code and contract.</summary>
public sealed record QuarantinePreview(int Count, IReadOnlyList<QuarantineCount> ByCodeAndContract);

/// <summary>
/// What replaying one entry did, or would do in a dry run: routed to whom, returned or kept with which code and why
/// (the hub's reasons, which never quote the message).
/// </summary>
public sealed record ReplayVerdict(long EntryId, Guid? MessageId, string? Contract, string? Sender, QuarantineReplayOutcome Outcome, ReturnCode? Code,
    IReadOnlyList<string> RoutedTo, string? Reason);

/// <summary>After each batch: how far the replay got, and what each message of the batch did.</summary>
public sealed record ReplayProgress(int Done, int Total, IReadOnlyList<ReplayVerdict> Batch);

/// <summary>
/// Quarantine and replay: selects kept input by business keys, previews it, dry-runs it and replays it in paced batches.
/// Each message goes through <see cref="IngressPipeline"/> again as the organisation that sent it (as the AMQP adapter hands
/// it over), so the policy is checked afresh; the router's replay path decides with the same code as for new input and
/// claims the entry in that same transaction, so an entry is replayed once however often, by however many, or after
/// whatever crash. The console and the operator tool both replay through here.
/// </summary>
public sealed class QuarantineReplay(HubDbContext db, IngressPipeline pipeline, IngressLimits limits, OrganisationRegistry registry, TimeProvider clock)
{
    public async Task<QuarantinePreview> PreviewAsync(QuarantineSelection selection, CancellationToken ct)
    {
        var groups = await Select(selection).GroupBy(q => new { q.Contract, q.Code })
            .Select(g => new { g.Key.Contract, g.Key.Code, Count = g.Count() })
            .ToListAsync(ct);
        return new QuarantinePreview(groups.Sum(g => g.Count),
            [.. groups.OrderByDescending(g => g.Count).ThenBy(g => g.Code).Select(g => new QuarantineCount(g.Contract, g.Code, g.Count))]);
    }

    /// <summary>The entries a replay of this selection takes, oldest first; without their bodies.</summary>
    public async Task<IReadOnlyList<QuarantineEntry>> ListAsync(QuarantineSelection selection, CancellationToken ct) =>
        await Select(selection).OrderBy(q => q.Id).Take(selection.Max)
            .Select(q => new QuarantineEntry
            {
                Id = q.Id, ReceivedAt = q.ReceivedAt, Sender = q.Sender, Contract = q.Contract, MessageId = q.MessageId, CorrelationId = q.CorrelationId,
                Code = q.Code, Reason = q.Reason, Body = Array.Empty<byte>(),
            })
            .ToListAsync(ct);

    /// <summary>What replaying the selection would do, message by message, decided as a replay decides and recording nothing.</summary>
    public async Task<IReadOnlyList<ReplayVerdict>> DryRunAsync(QuarantineSelection selection, ReplayActor actor, CancellationToken ct)
    {
        var ids = await SelectIdsAsync(selection, ct);
        var verdicts = new List<ReplayVerdict>();
        foreach (var batch in ids.Chunk(ReplayPace.MaxBatchSize))
        {
            foreach (var entry in await LoadAsync(batch, ct))
            {
                verdicts.Add(await AttemptAsync(entry, actor, dryRun: true, ct));
            }
        }

        await LogAsync(actor, $"Dry run of replaying {ids.Count} quarantined message(s) via the {actor.Via}; nothing was recorded or sent.", ct);
        return verdicts;
    }

    /// <summary>Replays the selection in batches at the pace given, reporting after each batch.</summary>
    public async IAsyncEnumerable<ReplayProgress> ReplayAsync(QuarantineSelection selection, ReplayActor actor, ReplayPace pace,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (pace.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(pace));
        }

        var ids = await SelectIdsAsync(selection, ct);
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in ids.Chunk(pace.BatchSize))
        {
            var verdicts = new List<ReplayVerdict>();
            foreach (var entry in await LoadAsync(batch, ct))
            {
                verdicts.Add(await AttemptAsync(entry, actor, dryRun: false, ct));
            }

            done += batch.Length;
            yield return new ReplayProgress(done, ids.Count, verdicts);

            // Paced from the start, so a slow batch is not made up for by a burst after it, and a fast one waits.
            var due = TimeSpan.FromSeconds(done / pace.PerSecond) - Stopwatch.GetElapsedTime(started);
            if (done < ids.Count && due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct);
            }
        }
    }

    private IQueryable<QuarantineEntry> Select(QuarantineSelection s)
    {
        var query = db.Quarantine.AsNoTracking().Where(q => q.ReplayedAt == null);
        if (s.Organisation is { } organisation)
        {
            query = query.Where(q => q.Sender == organisation);
        }

        if (s.Contract is { } contract)
        {
            query = query.Where(q => q.Contract == contract);
        }

        if (s.Code is { } code)
        {
            query = query.Where(q => q.Code == code);
        }

        if (s.Case is { } correlation)
        {
            query = query.Where(q => q.CorrelationId == correlation);
        }

        if (s.From is { } from)
        {
            query = query.Where(q => q.ReceivedAt >= from);
        }

        if (s.Until is { } until)
        {
            query = query.Where(q => q.ReceivedAt < until);
        }

        return query;
    }

    private async Task<IReadOnlyList<long>> SelectIdsAsync(QuarantineSelection selection, CancellationToken ct) =>
        await Select(selection).OrderBy(q => q.Id).Take(Math.Clamp(selection.Max, 0, QuarantineSelection.MaxLimit)).Select(q => q.Id).ToListAsync(ct);

    private async Task<IReadOnlyList<QuarantineEntry>> LoadAsync(long[] ids, CancellationToken ct) =>
        await db.Quarantine.AsNoTracking().Where(q => ids.Contains(q.Id)).OrderBy(q => q.Id).ToListAsync(ct);

    private async Task<ReplayVerdict> AttemptAsync(QuarantineEntry entry, ReplayActor actor, bool dryRun, CancellationToken ct)
    {
        var inbound = MassTransitEnvelope.Receive(entry.Body, SenderOf(entry), limits) with
        {
            Replay = new ReplayAttempt(entry.Id, actor, dryRun),
        };
        try
        {
            var result = await pipeline.ReceiveAsync(inbound, ct);
            var copies = result.Dispatches.Where(d => d.Message.MessageId == inbound.Message?.MessageId && d.Destination != OutboxDestinations.Events);
            var reasons = result.Dispatches.Select(d => d.Message).OfType<ReturnMessage>().Select(r => r.Reason).Distinct().ToArray();
            return new ReplayVerdict(entry.Id, entry.MessageId, entry.Contract, entry.Sender, ReplayAttempt.OutcomeOf(result.Outcome), result.Code,
                [.. copies.Select(d => d.Destination).Distinct().Order(StringComparer.Ordinal)], reasons.Length == 0 ? null : string.Join(" ", reasons));
        }
        catch (Exception exception) when (dryRun && !ct.IsCancellationRequested && IngressFailures.Classify(exception) != IngressFailure.Outage)
        {
            // A real replay would keep it as failed (NH021): the pipeline does that only for what it records.
            return new ReplayVerdict(entry.Id, entry.MessageId, entry.Contract, entry.Sender, QuarantineReplayOutcome.Quarantined, ReturnCode.ProcessingFailed, [],
                "The hub could not handle this message and would keep it for its operators.");
        }
    }

    /// <summary>
    /// The organisation that sent the entry, as its broker connection proved it then: a registered organisation's code,
    /// or the broker user an unregistered connection used (which may have been registered since).
    /// </summary>
    private AuthenticatedSender SenderOf(QuarantineEntry entry) => entry.Sender is { } sender && registry.Find(sender) is { } known
        ? new AuthenticatedSender(known.Code, known.BrokerUser ?? known.Code)
        : new AuthenticatedSender(entry.Sender is { } principal ? registry.FindByBrokerUser(principal)?.Code : null, entry.Sender ?? "(unknown)");

    private async Task LogAsync(ReplayActor actor, string what, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        db.AccessLog.Add(AccessLogEntries.ForOperator(AccessEventKind.OperatorAction, actor.Name, actor.Organisation, what, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
