using NetworkHub.Contracts.V1;
using NetworkHub.Core.Live;
using NetworkHub.Core.Persistence;

namespace NetworkHub.LiveConsole.Views;

/// <summary>A return code as the console shows it: its id (NH019), name and meaning in Dutch and English.</summary>
public sealed record CodeView(string Id, string Name, string Text)
{
    public static CodeView? Of(ReturnCode? code) => code is { } known && ReturnCodes.Describe(known) is var info
        ? new CodeView(info.Id, known.ToString(), $"{info.Dutch} / {info.English}")
        : null;
}

/// <summary>Where one recipient's hand-off stands: waiting, acknowledged, returned (with the code) or overdue.</summary>
public sealed record RecipientState(string Organisation, string State, CodeView? Code, DateTimeOffset? At)
{
    public const string Waiting = "waiting";

    public static string Name(HandOffState state) => state switch
    {
        HandOffState.Accepted or HandOffState.Dispatched => Waiting,
        _ => state.ToString().ToLowerInvariant(), // acknowledged, returned, overdue
    };

    public static RecipientState Of(HandOff handOff) => new(handOff.Recipient, Name(handOff.State), CodeView.Of(handOff.ReturnCode),
        handOff.AcknowledgedAt ?? handOff.ReturnedAt ?? handOff.OverdueAt);
}

/// <summary>
/// One line of the feed: a message the hub routed, with each recipient's state; or input it kept in quarantine and
/// returned (<see cref="Quarantined"/>), which reached nobody. Organisation codes, contract names and codes only.
/// </summary>
public sealed record FeedRow(string Key, Guid? MessageId, string Contract, string? Sender, IReadOnlyList<RecipientState> Recipients, DateTimeOffset At,
    CodeView? Quarantined = null)
{
    public static FeedRow Of(IReadOnlyList<HandOff> handOffs) =>
        new(handOffs[0].MessageId.ToString(), handOffs[0].MessageId, handOffs[0].Contract, handOffs[0].Sender,
            handOffs.OrderBy(h => h.Recipient, StringComparer.Ordinal).Select(RecipientState.Of).ToArray(), handOffs[0].CreatedAt);

    public static FeedRow Of(HandOffAccepted accepted) => new(accepted.MessageId.ToString(), accepted.MessageId, accepted.Contract, accepted.Sender,
        accepted.Recipients.Order(StringComparer.Ordinal).Select(r => new RecipientState(r, RecipientState.Waiting, null, null)).ToArray(), accepted.At);

    public static FeedRow Of(QuarantineEntry kept) => Quarantine(kept.Id, kept.Sender, kept.Contract, kept.Code, kept.ReceivedAt);

    public static FeedRow Of(InputQuarantined kept) => Quarantine(kept.QuarantineId, kept.Sender, kept.Contract, kept.Code, kept.At);

    private static FeedRow Quarantine(long id, string? sender, string? contract, ReturnCode code, DateTimeOffset at) =>
        new($"quarantine-{id}", null, contract ?? "(unreadable)", sender, [], at, CodeView.Of(code));
}

/// <summary>A recipient's hand-off changed state; the sender and contract let the browser show it when the row is not on screen yet.</summary>
public sealed record FeedChange(string Key, string Contract, string Sender, RecipientState Recipient)
{
    public static FeedChange Of(HandOffChanged changed) => new(changed.MessageId.ToString(), changed.Contract, changed.Sender,
        new RecipientState(changed.Recipient, RecipientState.Name(changed.State), CodeView.Of(changed.Code), changed.At));
}
