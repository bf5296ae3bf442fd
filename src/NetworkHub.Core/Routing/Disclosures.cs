using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;

namespace NetworkHub.Core.Routing;

/// <summary>
/// The one place where a hub-made or forwarded message for an organisation becomes that organisation's copy and
/// its access-log row (see <see cref="RoutingWork.Disclose"/>).
/// </summary>
public sealed class Disclosures(RecipientProjector projector, OrganisationRegistry registry)
{
    public (HubMessage Copy, AccessLogEntry Row) Prepare(HubMessage message, string recipient, Disclosure why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(why);
        var decision = why.DecisionFor(message, recipient);

        // An organisation gone from the registry still gets the copy a coordination rule allows anyone.
        var organisation = ((IOrganisationDirectory)registry).Find(recipient) ?? new Organisation(recipient, recipient, OrganisationType.Other);
        return (projector.Project(message, decision, organisation), AccessLogEntries.ForDecision(decision, now));
    }
}
