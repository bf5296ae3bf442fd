using NetworkHub.Contracts;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Alerts;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Telemetry;

namespace NetworkHub.Core.Routing;

/// <summary>
/// The outbox rows one transaction writes, and what to send once it has committed (the rows' ids exist
/// after SaveChanges). An operator-bound event is also kept as an alert, in the same transaction.
/// </summary>
public sealed class OutboxBatch(HubDbContext db, DateTimeOffset now)
{
    private readonly List<(OutboxMessage Row, HubMessage Message)> _rows = [];

    public void Add(HubMessage message, string destination, Guid causationId)
    {
        var row = new OutboxMessage
        {
            CausationId = causationId,
            MessageId = message.MessageId,
            Destination = destination,
            Contract = ContractCatalogue.NameOf(message.GetType()),
            Payload = HubJson.Serialize(message),
            CreatedAt = now,
            TraceParent = TraceContinuation.CurrentTraceParent(),
        };
        db.Outbox.Add(row);
        _rows.Add((row, message));
        if (destination == OutboxDestinations.Events)
        {
            db.Alerts.Add(AlertRecord.For(message, now)); // kept for operators, whether or not anyone reads the queue
        }
    }

    public IReadOnlyList<PendingDispatch> Pending() =>
        _rows.Select(r => new PendingDispatch(r.Row.Id, r.Row.Destination, r.Message, r.Row.TraceParent)).ToArray();
}
