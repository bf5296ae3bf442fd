using NetworkHub.Core.Timelines;

namespace NetworkHub.LiveConsole.Views;

/// <summary>A timeline as the console shows it: its kind and id (what the link #timeline/kind/id names), the organisations party to it, its steps.</summary>
public sealed record TimelineView(string Kind, Guid Id, DateTimeOffset Now, IReadOnlyList<string> Parties, IReadOnlyList<TimelineStepView> Steps)
{
    public static TimelineView Of(Timeline timeline, DateTimeOffset now) => new(Name(timeline.Key.Kind), timeline.Key.Id, now, timeline.Parties,
        [.. timeline.Steps.Select(TimelineStepView.Of)]);

    public static string Name(TimelineKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>One step: when, what kind, a line saying what happened, and the policy's rule, basis, purpose, consent (masked) and code where it has them.</summary>
public sealed record TimelineStepView(DateTimeOffset At, string Kind, string Summary, IReadOnlyList<string> Parties, Guid? MessageId, string? Contract,
    CodeView? Code, string? Rule, string? Basis, string? Purpose, string? Consent, string? Detail, string? Actor, long? AlertId, bool Pending)
{
    public static TimelineStepView Of(TimelineStep step) => new(step.At, Kebab(step.Kind.ToString()), step.Summary, step.Parties, step.MessageId, step.Contract,
        CodeView.Of(step.Code), step.Rule, step.Basis?.ToString(), step.Purpose?.ToString(), step.Consent, step.Detail, step.Actor, step.AlertId, step.Pending);

    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
