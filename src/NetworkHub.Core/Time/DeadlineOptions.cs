namespace NetworkHub.Core.Time;

/// <summary>
/// How long partners have to act, bound from the configuration section <see cref="SectionName"/>.
/// Every value except <see cref="SignalExpiry"/> is a number of working days, counted by
/// <see cref="WorkingDayCalendar.AddWorkingDays"/> from the moment the hub recorded the message.
/// </summary>
public sealed record DeadlineOptions
{
    /// <summary>The configuration section: <c>NetworkHub:Deadlines</c>.</summary>
    public const string SectionName = "NetworkHub:Deadlines";

    /// <summary>
    /// Working days a recipient has to acknowledge or reject a hand-off with a return message.
    /// Default 3, as the iJw message standard requires of every request.
    /// </summary>
    public int Acknowledgement { get; set; } = 3;

    /// <summary>
    /// Working days Veilig Thuis has to answer a report (melding) with its follow-up decision and
    /// terugkoppeling to the reporter. Default 5.
    /// </summary>
    public int VeiligThuisFollowUp { get; set; } = 5;

    /// <summary>
    /// Working days the receiver of an accepted warm hand-over has to confirm first contact with the
    /// family; when it passes, the case goes back to the sender. Default 5.
    /// </summary>
    public int FirstContact { get; set; } = 5;

    /// <summary>Working days the receiver of a warm hand-over offer has to accept or decline it. Default 3.</summary>
    public int HandOverAcceptance { get; set; } = 3;

    /// <summary>Working days an invitee has to answer an MDO invitation (accept, decline, delegate). Default 2.</summary>
    public int MdoRsvp { get; set; } = 2;

    /// <summary>Working days the owner of an escalation (opschaling) has to answer it. Default 5.</summary>
    public int EscalationAnswer { get; set; } = 5;

    /// <summary>
    /// Working days within which a regisseur must be assigned and acknowledged after a match between
    /// signals; after that the match is escalated. Default 10.
    /// </summary>
    public int RegieAssignment { get; set; } = 10;

    /// <summary>
    /// Working days a recipient has to confirm deletion after consent was withdrawn or deletion was
    /// requested. Default 5.
    /// </summary>
    public int DeletionConfirmation { get; set; } = 5;

    /// <summary>
    /// Working days after an MDO's evaluation date passed (and the regisseur was reminded) before the operators get a
    /// stale-case alert, when no new minutes, closure or postponement came. Default 5.
    /// </summary>
    public int EvaluationGrace { get; set; } = 5;

    /// <summary>
    /// Working days after a warm hand-over was accepted within which the receiver completes it; otherwise the operators
    /// get a stale-case alert. Default 20.
    /// </summary>
    public int HandOverCompletion { get; set; } = 20;

    /// <summary>
    /// Working days a child with open safety concerns (no escalation decision since) may go without any step about it
    /// before the operators get a stale-case alert. Default 10.
    /// </summary>
    public int UnattendedSafetyConcern { get; set; } = 10;

    /// <summary>
    /// How long a signal stays active without being renewed, in calendar days (not working days).
    /// Default 730 days (two years). Configured as a TimeSpan: <c>730</c> or <c>730.00:00:00</c>.
    /// </summary>
    public TimeSpan SignalExpiry { get; set; } = TimeSpan.FromDays(730);
}
