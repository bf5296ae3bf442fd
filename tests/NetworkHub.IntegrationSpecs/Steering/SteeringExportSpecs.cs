using System.Globalization;
using NetworkHub.Cli;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Testing.Steering;
using static NetworkHub.IntegrationSpecs.Steering.GeneratedMonth;

namespace NetworkHub.IntegrationSpecs.Steering;

/// <summary>
/// Sturingsinformatie over a generated month: every figure of `networkhub steering export` matches a recount made here,
/// straight from the generated traffic (not by the report's code), on each database the hub supports.
/// </summary>
public abstract class SteeringExportSpecs : IAsyncLifetime
{
    private GeneratedMonth _month = null!;

    protected abstract Task<(IReadOnlyList<string> Settings, Func<HubDbContext> Open)> DatabaseAsync();

    public async Task InitializeAsync()
    {
        var (settings, open) = await DatabaseAsync();
        _month = await WriteAsync(settings, open);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_figure_of_a_months_export_matches_a_recount_of_the_months_traffic()
    {
        var (csv, exit) = await _month.CliAsync("steering", "export", "--month", Month);

        Assert.Equal(ExitCodes.Ok, exit);
        var rows = Parse(csv);
        Assert.Equal(_month.Traffic.Organisations.Select(o => o.Code).Order(StringComparer.Ordinal), rows.Select(r => r["organisation"]));
        foreach (var row in rows)
        {
            var expected = Recount(_month.Traffic, row["organisation"]);
            foreach (var (column, value) in expected)
            {
                Assert.True(value == row[column], $"{row["organisation"]}, {column}: the export says '{row[column]}', the traffic '{value}'.");
            }
        }

        // Not a vacuous match: the month holds every case each column counts.
        Assert.All(Recount(_month.Traffic, "-").Keys.Where(c => c is not ("month" or "organisation")),
            column => Assert.Contains(rows, r => r[column] is not ("" or "0")));
    }

    [Fact]
    public async Task An_export_for_one_organisation_is_that_organisations_row_alone()
    {
        var (whole, _) = await _month.CliAsync("steering", "export", "--month", Month);
        var (one, exit) = await _month.CliAsync("steering", "export", "--month", Month, "--organisation", RegionTraffic.VeiligThuis);

        Assert.Equal(ExitCodes.Ok, exit);
        var row = Assert.Single(Parse(one));
        Assert.Equal(Parse(whole).Single(r => r["organisation"] == RegionTraffic.VeiligThuis), row);
    }

    /// <summary>What each column must say for one organisation, counted from the generated rows as docs/cli.md defines it.</summary>
    private static Dictionary<string, string> Recount(RegionTraffic traffic, string organisation)
    {
        var received = traffic.HandOffs.Where(h => h.Recipient == organisation && InMonth(h.CreatedAt)).ToList();
        var acknowledged = received.Where(h => h.State == HandOffState.Acknowledged).ToList();
        var returned = received.Where(h => h.State == HandOffState.Returned).ToList();
        var handOvers = traffic.HandOvers.Where(h => h.Receiver == organisation && InMonth(h.OfferedAt)).ToList();
        var signals = traffic.Signals.Where(s => s.Sender == organisation && InMonth(s.RegisteredAt) && s.FeedbackWanted).ToList();
        var heardBack = signals.Count(s => traffic.AccessLog.Any(e => e.RuleId == "HUB-FEEDBACK" && e.Recipient == organisation
                                                                     && e.SubjectKey == s.SubjectKey && e.At >= s.RegisteredAt)
                                           || traffic.FeedbackFromPartners.Any(f => f.ReportMessageId == s.Id && f.Recipient == organisation));
        var escalations = traffic.Escalations.Select(e => (e.Sender, e.Recipients, InTime: e.AnsweredAt <= e.AnswerBefore,
            Opened: traffic.HandOffs.First(h => h.MessageId == e.Id).CreatedAt)).Where(e => InMonth(e.Opened)).ToList();
        var toAcknowledge = acknowledged.Select(h => (h.AcknowledgedAt!.Value - h.CreatedAt).TotalHours).Order().ToList();
        var toContact = handOvers.Where(h => h.FirstContactAt is not null).Select(h => (h.FirstContactAt!.Value - h.OfferedAt).TotalHours).Order().ToList();
        return new()
        {
            ["month"] = Month,
            ["organisation"] = organisation,
            ["handoffs_sent"] = N(traffic.HandOffs.Count(h => h.Sender == organisation && InMonth(h.CreatedAt))),
            ["handoffs_received"] = N(received.Count),
            ["acknowledged_in_time"] = N(acknowledged.Count(h => h.AcknowledgedAt <= h.AcknowledgementDueAt)),
            ["acknowledged_late"] = N(acknowledged.Count(h => h.AcknowledgedAt > h.AcknowledgementDueAt)),
            ["returned"] = N(returned.Count),
            ["waiting"] = N(received.Count(h => h.State is HandOffState.Dispatched or HandOffState.Overdue)),
            ["overdue"] = N(received.Count(h => h.OverdueAt is not null)),
            ["returned_by_code"] = string.Join(';', returned.GroupBy(h => ReturnCodes.Describe(h.ReturnCode!.Value).Id).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key}:{g.Count()}")),
            ["ack_hours_count"] = N(toAcknowledge.Count),
            ["ack_hours_median"] = Rank(toAcknowledge, 50),
            ["ack_hours_p90"] = Rank(toAcknowledge, 90),
            ["handovers_received"] = N(handOvers.Count),
            ["first_contact_hours_count"] = N(toContact.Count),
            ["first_contact_hours_median"] = Rank(toContact, 50),
            ["first_contact_hours_p90"] = Rank(toContact, 90),
            ["feedback_wanted"] = N(signals.Count),
            ["feedback_given"] = N(heardBack),
            ["feedback_rate_pct"] = signals.Count == 0 ? "" : (100.0 * heardBack / signals.Count).ToString("0.0", CultureInfo.InvariantCulture),
            ["escalations_opened"] = N(escalations.Count(e => e.Sender == organisation)),
            ["escalations_opened_answered_in_time"] = N(escalations.Count(e => e.Sender == organisation && e.InTime)),
            ["escalations_received"] = N(escalations.Count(e => e.Recipients == organisation)),
            ["escalations_received_answered_in_time"] = N(escalations.Count(e => e.Recipients == organisation && e.InTime)),
        };
    }

    /// <summary>The nearest-rank percentile: the value at rank ⌈p·n/100⌉ of the values sorted, in hours with two decimals.</summary>
    private static string Rank(List<double> sorted, int p) =>
        sorted.Count == 0 ? "" : sorted[((p * sorted.Count) + 99) / 100 - 1].ToString("0.00", CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}

public sealed class SteeringExport_on_sqlite : SteeringExportSpecs
{
    protected override Task<(IReadOnlyList<string>, Func<HubDbContext>)> DatabaseAsync() => Task.FromResult(Sqlite());
}

[Collection(PostgresFixture.Collection)]
public sealed class SteeringExport_on_postgresql(PostgresFixture postgres) : SteeringExportSpecs
{
    protected override Task<(IReadOnlyList<string>, Func<HubDbContext>)> DatabaseAsync() => PostgreSqlAsync(postgres);
}
