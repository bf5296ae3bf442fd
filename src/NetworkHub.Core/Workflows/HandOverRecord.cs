using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Workflows;

/// <summary>A warm hand-over's place in its lifecycle; its id is the hand-over id (the messages' correlation id).</summary>
public sealed class HandOverRecord
{
    public required Guid Id { get; set; }
    public required Guid OfferMessageId { get; set; }
    public required string Sender { get; set; }
    public required string Receiver { get; set; }
    public required OrganisationType OriginType { get; set; }

    /// <summary>
    /// Where the case started (the offer's origin), which may not be the sender: a hand-over is traced by it. Null for
    /// hand-overs recorded before the hub kept it; those count as originating at their sender.
    /// </summary>
    public string? OriginOrganisation { get; set; }

    /// <summary>The hub's key of the subject, so reporters of signals about it can be told it was handed over.</summary>
    public string? SubjectKey { get; set; }

    /// <summary>The safety assessment found the situation not (unconditionally) safe.</summary>
    public bool SafetyConcern { get; set; }
    public required HandOverState State { get; set; }
    public required DateTimeOffset OfferedAt { get; set; }
    public DateTimeOffset? FirstContactBefore { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? FirstContactAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>offered → accepted / declined → first contact made → completed; or returned to the sender.</summary>
public enum HandOverState
{
    Offered = 1,
    Accepted = 2,
    Declined = 3,
    FirstContactMade = 4,
    Completed = 5,
    Returned = 6,
}
