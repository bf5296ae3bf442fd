using Microsoft.AspNetCore.SignalR;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Routing;
using NetworkHub.LiveConsole.Access;

namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// The console as an adapter of the ingress pipeline: a message a user sends is written as a partner's system writes it,
/// read back as the AMQP adapter reads a delivery, and handed to the pipeline as sent by the user's organisation (the
/// organisation comes from the sign-in, never from the browser). The hub's policy decides as for any partner; the
/// user's action is an access-log row with its outcome.
/// </summary>
public sealed class ConsoleIngress(IngressPipeline pipeline, IWireFormat wire, HubDbContext db, TimeProvider clock)
{
    public async Task<RoutingResult> SendAsync(ConsoleUser user, HubMessage message, string what, string subjectKey, CancellationToken ct)
    {
        var sender = new AuthenticatedSender(user.Organisation, $"console:{user.Name}");
        RoutingResult receipt;
        try
        {
            receipt = await pipeline.ReceiveAsync(wire.Read(wire.Write(message), sender), ct);
        }
        catch (IntakeUnavailableException)
        {
            throw new HubException("The hub cannot record messages right now, so nothing was sent; try again in a moment.");
        }

        var outcome = receipt.Code is { } code ? $"{receipt.Outcome} ({ReturnCodes.Describe(code).Id} {code})" : receipt.Outcome.ToString();
        await LogAsync(user, $"{what} in the console: {outcome}.", subjectKey, message.MessageId, ct);
        return receipt;
    }

    /// <summary>An access-log row for something the user did or looked at, filed under the person it concerns.</summary>
    public async Task LogAsync(ConsoleUser user, string what, string subjectKey, Guid? about, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginWriteTransactionAsync(ct);
        await new AccessLogStore(db).AppendAsync(
            [AccessLogEntries.ForOperator(AccessEventKind.OperatorAction, user.Name, user.Organisation, what, clock.GetUtcNow(), about) with { SubjectKey = subjectKey }], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
