using System.CommandLine;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Cli;

/// <summary>
/// The privacy officer's review of overrides (meldcode and child-protection shares without consent) from a shell. Lists
/// never print the sender's justification (it may name people; the console shows it, logged, on request).
/// </summary>
internal static class ReviewCommands
{
    private static readonly Dictionary<string, ReviewVerdict> Verdicts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["justified"] = ReviewVerdict.Justified,
        ["not-justified"] = ReviewVerdict.NotJustified,
    };

    public static Command Create(CliContext cli)
    {
        var decided = new Option<bool>("--decided") { Description = "The decided reviews, last decided first, instead of the open ones." };
        var organisation = new Option<string>("--organisation") { Description = "Only overrides this organisation (its code) sent or received.", HelpName = "code" };
        var max = CliOptions.Max("reviews");
        var list = new Command("list", "Overrides awaiting review (open, oldest first), or decided ones: who sent to whom, basis, rule, meldcode step.")
        {
            decided, organisation, max,
        };
        list.SetAction(async (parsed, ct) =>
        {
            var wantDecided = parsed.GetValue(decided);
            await using var db = cli.OpenDatabase();
            var reviews = await new PrivacyReviewDesk(db, cli.Clock).ListAsync(wantDecided, parsed.GetValue(organisation), parsed.GetValue(max), ct);
            cli.Line($"{reviews.Count} {(wantDecided ? "decided" : "open")} review(s):");
            if (reviews.Count > 0)
            {
                cli.Table(["Id", "At (UTC)", "Transfer", "Legal basis", "Rule", "Meldcode step", "Verdict", "Decided by", "Note"], reviews.Select(r => new[]
                {
                    $"#{r.Id}", $"{r.At:yyyy-MM-dd HH:mm:ss}", $"{r.SenderCode} -> {r.RecipientCode}", r.Basis?.ToString(), r.RuleId, r.MeldcodeStep?.ToString(),
                    r.Verdict is { } v ? PrivacyReviewDesk.Describe(v) : null, r.DecidedBy, r.DecisionNote,
                }));
            }

            return ExitCodes.Ok;
        });

        var id = CliOptions.Id("review", "reviews list");
        var verdict = new Option<ReviewVerdict>("--verdict")
        {
            Description = "Your judgement of the override.",
            HelpName = string.Join('|', Verdicts.Keys),
            Required = true,
            CustomParser = result =>
            {
                var token = result.Tokens.Single().Value;
                if (Verdicts.TryGetValue(token, out var value))
                {
                    return value;
                }

                result.AddError($"'{token}' is not a value of --verdict; use one of: {string.Join(", ", Verdicts.Keys)}.");
                return default;
            },
        };
        var note = new Option<string>("--note") { Description = "Why, and what follows (kept with the review, not in the access log).", Required = true, HelpName = "text" };
        var by = new Option<string>("--by") { Description = "Your name: the decision is logged as yours.", Required = true, HelpName = "name" };
        var decide = new Command("decide", "Judge an override as justified or not, with a note; logged with your name. Each override is judged once.")
        {
            id, verdict, note, by,
        };
        decide.SetAction(async (parsed, ct) =>
        {
            await using var db = cli.OpenDatabase();
            var officer = new PrivacyOfficer(parsed.GetRequiredValue(by), HubTopology.HubOrganisation, "operator tool");
            var result = await new PrivacyReviewDesk(db, cli.Clock).DecideAsync(parsed.GetValue(id), parsed.GetValue(verdict), parsed.GetValue(note), officer, ct);
            if (result.Review is not { } review)
            {
                cli.Error(result.Problem!);
                return ExitCodes.UsageError;
            }

            cli.Line($"Review #{review.Id} ({review.SenderCode} -> {review.RecipientCode}, {review.RuleId}): {PrivacyReviewDesk.Describe(review.Verdict!.Value)}, by {review.DecidedBy}.");
            return ExitCodes.Ok;
        });

        return new Command("reviews", """
            The privacy officer's review of overrides: messages shared without consent under the meldcode or for child
            protection, each to be judged justified or not.
            """)
        {
            list,
            decide,
        };
    }
}
