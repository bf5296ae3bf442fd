using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Routing;

/// <summary>One decision about one inbound message: the message, its time, and the outbox rows the decision writes.</summary>
public sealed class RoutingWork(HubDbContext db, Disclosures disclosures, HubMessage message, string contract, DateTimeOffset now)
{
    private readonly OutboxBatch _outbox = new(db, now);

    public HubMessage Message { get; } = message;
    public string Contract { get; } = contract;
    public DateTimeOffset Now { get; } = now;

    /// <summary>Set when this decision replays a quarantine entry: what it returns then differs from what the original returned.</summary>
    public ReplayAttempt? Replay { get; init; }

    public void Send(string destination, HubMessage outgoing, Guid? causation = null) =>
        _outbox.Add(outgoing, destination, causation ?? Message.MessageId);

    /// <summary>
    /// Sends a message the hub made, or a partner's answer it forwards, to an organisation: projected for it and
    /// logged with <paramref name="why"/>, as the policy's copies are. Every such message to an organisation goes here.
    /// </summary>
    public void Disclose(string recipient, HubMessage outgoing, Disclosure why)
    {
        var (copy, row) = disclosures.Prepare(outgoing, recipient, why, Now);
        db.AccessLog.Add(row);
        Send(recipient, copy);
    }

    /// <summary>A return to <paramref name="to"/>; <paramref name="basis"/> makes its id unique when one message causes several.</summary>
    public void Return(string to, ReturnCode code, string reason, Guid? basis = null) =>
        Send(to, HubMessages.Return(ReturnBasis(basis ?? Message.MessageId), Message.MessageId, Message.CorrelationId, Contract, to, code, reason, Now));

    public Guid ReturnBasis(Guid basis) => Replay?.Salt(basis) ?? basis;

    /// <summary>The hub's own acknowledgement that it took a message addressed to itself (a consent event) on.</summary>
    public void AcknowledgeAsHub() => Send(Message.SenderOrganisation, HubMessages.Acknowledgement(Message, Now));

    public RoutingResult Result(RoutingOutcome outcome, ReturnCode? code = null) => new(outcome, Message.MessageId, [], code);

    public IReadOnlyList<PendingDispatch> Dispatches() => _outbox.Pending();
}
