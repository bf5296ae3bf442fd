using System.Text;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>Renders the policy table as markdown for docs/privacy.md, so the document cannot drift from the code.</summary>
public static class PolicyDocumentation
{
    public const string BeginMarker = "<!-- BEGIN GENERATED: policy table (PolicyDocumentation.RenderTables) -->";
    public const string EndMarker = "<!-- END GENERATED -->";

    public static string RenderTables(PolicyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var md = new StringBuilder();

        md.AppendLine("### Rules").AppendLine();
        md.AppendLine("| Rule | Basis | Purpose | Recipient types | Sender types | Sections the purpose needs | BSN | Consent | Override | Source | Reason |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in table.Rules)
        {
            md.AppendLine(Row(
                r.Id,
                r.Basis?.ToString() ?? "any or none",
                r.Purpose.ToString(),
                List(r.Recipients),
                r.Senders is null ? "any" : List(r.Senders),
                (r.Anonymous ? "anonymous: " : "") + List(r.Sections),
                YesNo(r.BsnAllowed),
                YesNo(r.ConsentRequired),
                r.Override switch
                {
                    OverrideRequirement.MeldcodeStepAndJustification => "meldcode step + justification",
                    OverrideRequirement.Justification => "justification",
                    _ => "—",
                },
                r.Source,
                r.Reason));
        }

        foreach (var r in table.Rules.Where(r => r.Contracts is not null))
        {
            md.AppendLine().AppendLine($"Rule {r.Id} applies only to these contracts (references alone; any other contract needs a basis of its own):").AppendLine();
            md.AppendLine(string.Join(", ", r.Contracts!.Select(c => c.Name).Order(StringComparer.Ordinal).Select(name => $"`{name}`")) + ".");
        }

        md.AppendLine().AppendLine("### Recipient profiles").AppendLine();
        md.AppendLine("| Recipient type | May ever see | BSN | Shielded subjects | Source | Why |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var p in table.Profiles.Values.OrderBy(p => p.Type))
        {
            md.AppendLine(Row(p.Type.ToString(), List(p.MaySee), YesNo(p.BsnEntitled), p.MayReceiveShieldedSubjects ? "address withheld" : "refused", p.Source, p.Why));
        }

        md.AppendLine().AppendLine("### What each recipient type sees, per rule").AppendLine();
        md.AppendLine("Rule sections ∩ profile; a shielded subject's address is withheld on top of this.").AppendLine();
        md.AppendLine("| Rule | Recipient type | Sees | Identity |");
        md.AppendLine("|---|---|---|---|");
        foreach (var r in table.Rules)
        {
            foreach (var type in r.Recipients.Order())
            {
                var profile = table.Profiles[type];
                var visible = r.Sections.Intersect(profile.MaySee).ToHashSet();
                var identity = r.Anonymous ? "none (anonymous)"
                    : r.BsnAllowed && profile.BsnEntitled && visible.Contains(SectionKind.Identification) ? "BSN + pseudonym"
                    : "pseudonym";
                md.AppendLine(Row(r.Id, type.ToString(), visible.Count == 0 ? "nothing" : List(visible), identity));
            }
        }

        md.AppendLine().AppendLine("### Refusals and return codes").AppendLine();
        md.AppendLine("| Refusal | Return code | Id | Text |");
        md.AppendLine("|---|---|---|---|");
        foreach (var (refusal, code) in PolicyRefusals.ReturnCodes.OrderBy(kv => kv.Key))
        {
            var info = ReturnCodes.Describe(code);
            md.AppendLine(Row(refusal.ToString(), code.ToString(), info.Id, $"{info.Dutch} / {info.English}"));
        }

        return md.ToString();
    }

    private static string List<T>(IEnumerable<T> items)
        where T : struct, Enum =>
        items.Any() ? string.Join(", ", items.Order()) : "—";

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
}
