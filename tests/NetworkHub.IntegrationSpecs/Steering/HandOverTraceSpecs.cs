using System.Globalization;
using NetworkHub.Cli;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Steering;
using NetworkHub.Core.Workflows;
using NetworkHub.Testing.Steering;
using static NetworkHub.IntegrationSpecs.Steering.GeneratedMonth;

namespace NetworkHub.IntegrationSpecs.Steering;

/// <summary>
/// From the reports: nobody could say which cases Veilig Thuis had handed over. `networkhub handovers` answers it by origin
/// and period, and traces one case by a partner's reference; each question is an access-log row, and the answer holds no
/// personal data.
/// </summary>
public abstract class HandOverTraceSpecs : IAsyncLifetime
{
    private GeneratedMonth _month = null!;
    private Guid _keptBeforeOrigins;

    protected abstract Task<(IReadOnlyList<string> Settings, Func<HubDbContext> Open)> DatabaseAsync();

    public async Task InitializeAsync()
    {
        var (settings, open) = await DatabaseAsync();
        _month = await WriteAsync(settings, open, traffic =>
        {
            // A hand-over recorded before the hub kept origins counts as originating at its sender.
            var old = traffic.HandOvers.First(h => h.Sender == RegionTraffic.VeiligThuis && InMonth(h.OfferedAt));
            old.OriginOrganisation = null;
            _keptBeforeOrigins = old.Id;
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_hand_over_that_originated_at_Veilig_Thuis_in_a_month_is_listed_with_its_state_and_age_and_the_question_is_logged()
    {
        var (csv, exit) = await _month.CliAsync("handovers", "list", "--origin", RegionTraffic.VeiligThuis, "--from", "2026-10-01", "--until", "2026-10-31",
            "--format", "csv", "--by", "anna", "--reason", "navraag gemeente");

        Assert.Equal(ExitCodes.Ok, exit);
        var expected = _month.Traffic.HandOvers
            .Where(h => (h.OriginOrganisation ?? h.Sender) == RegionTraffic.VeiligThuis && InMonth(h.OfferedAt))
            .ToDictionary(h => h.Id.ToString(), h => $"{h.State},{(Now - h.OfferedAt).TotalDays.ToString("0.0", CultureInfo.InvariantCulture)}");
        var listed = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(','))
            .ToDictionary(f => f[0], f => $"{f[4]},{f[7]}");
        Assert.Equal(expected.OrderBy(p => p.Key), listed.OrderBy(p => p.Key));
        Assert.Contains(_keptBeforeOrigins.ToString(), listed.Keys);
        Assert.Contains(_month.Traffic.HandOvers, h => h.OriginOrganisation == RegionTraffic.VeiligThuis && h.Sender != RegionTraffic.VeiligThuis
                                                       && listed.ContainsKey(h.Id.ToString())); // passed on by a wijkteam, still VT's case
        Assert.DoesNotContain("dossier", csv, StringComparison.Ordinal);

        var asked = Assert.Single(await _month.AccessLogAsync(AccessEventKind.Lookup));
        Assert.Equal(("anna", "hub", null), (asked.Actor, asked.OnBehalfOf, asked.SubjectKey));
        Assert.Contains($"hand-overs originating at {RegionTraffic.VeiligThuis} from 2026-10-01 to 2026-10-31", asked.Reason, StringComparison.Ordinal);
        Assert.Contains("Why: navraag gemeente", asked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_is_traced_by_the_senders_reference_which_is_shown_only_masked_and_the_question_is_logged_under_the_childs_key()
    {
        var handOver = _month.Traffic.HandOvers.First(h => h.Sender == RegionTraffic.VeiligThuis && h.State == HandOverState.Completed);
        var reference = _month.Traffic.HandOverReferences[handOver.Id];

        var (output, exit) = await _month.CliAsync("handovers", "case", reference, "--sender", RegionTraffic.VeiligThuis, "--by", "anna", "--reason", "klacht ouders");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"under {RegionTraffic.VeiligThuis}'s reference {HandOverTrace.Mask(reference)}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, output, StringComparison.Ordinal);
        foreach (var step in new[] { "Warm hand-over offered", "WarmeOverdrachtOffered", "WarmeOverdrachtAccepted", "First contact with the family",
                     "FirstContactConfirmed", "WarmeOverdrachtCompleted", "Hand-over completed" })
        {
            Assert.Contains(step, output, StringComparison.Ordinal);
        }

        Assert.Contains(handOver.Id.ToString(), output, StringComparison.Ordinal);
        var asked = Assert.Single(await _month.AccessLogAsync(AccessEventKind.Lookup));
        Assert.Equal(("anna", handOver.SubjectKey), (asked.Actor, asked.SubjectKey));
        Assert.DoesNotContain(reference, asked.Reason, StringComparison.Ordinal);
    }
}

public sealed class HandOverTrace_on_sqlite : HandOverTraceSpecs
{
    protected override Task<(IReadOnlyList<string>, Func<HubDbContext>)> DatabaseAsync() => Task.FromResult(Sqlite());
}

[Collection(PostgresFixture.Collection)]
public sealed class HandOverTrace_on_postgresql(PostgresFixture postgres) : HandOverTraceSpecs
{
    protected override Task<(IReadOnlyList<string>, Func<HubDbContext>)> DatabaseAsync() => PostgreSqlAsync(postgres);
}
