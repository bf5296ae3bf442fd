namespace NetworkHub.Contracts.V1;

/// <summary>
/// A reminder about an MDO: an answer is still outstanding, or the meeting is near. Joint meetings fail
/// when nobody chases the answers.
/// </summary>
[SentBy(Hub = true)]
public sealed record MdoReminder : HubMessage
{
    [NoPersonalData]
    public required Guid MdoId { get; init; }

    [NoPersonalData]
    public required MdoReminderKind Kind { get; init; }

    /// <summary>The fixed time, once the regisseur has chosen one.</summary>
    [NoPersonalData]
    public DateTimeOffset? MeetingAt { get; init; }

    /// <summary>The answer deadline, when an answer is outstanding.</summary>
    [NoPersonalData]
    public DateTimeOffset? RsvpDeadline { get; init; }
}

public enum MdoReminderKind
{
    AnswerOutstanding = 1,
    MeetingUpcoming = 2,
}
