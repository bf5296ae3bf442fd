using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Routing;

/// <summary>
/// Rules a routed message must meet before the hub takes it on: its structure, and the content rules the
/// inspections asked for (legal basis and consent are the privacy policy's). Returns a reason, or null.
/// </summary>
public static class MessageRules
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static string? FindProblem(HubMessage message, DateTimeOffset now)
    {
        if (message.MessageId == Guid.Empty)
        {
            return "The message id is empty.";
        }

        if (message.CorrelationId == Guid.Empty)
        {
            return "The correlation id is empty.";
        }

        if (message.CreatedAt > now + ClockSkew)
        {
            return "The message is dated in the future.";
        }

        return message switch
        {
            WarmeOverdrachtOffered offer => HandOverProblem(offer),
            Signaal signal when signal.FamilyMembers.Any(m => string.IsNullOrWhiteSpace(m.Bsn) || m.Role == SubjectRole.Family) =>
                "Each family member of a signal needs a BSN and the role parent or child: only a BSN links a family across organisations.",
            Opschaling { Target: OpschalingTarget.Raad } request when request.Veiligheidsinschatting is null || string.IsNullOrWhiteSpace(request.PlanReference) =>
                "A request to the Raad voor de Kinderbescherming needs a safety assessment and a reference to the plan.",
            EvaluationPostponed postponed when string.IsNullOrWhiteSpace(postponed.Reason) => "An evaluation is postponed with a reason.",
            _ => null,
        };
    }

    /// <summary>
    /// A hand-over about a child or family carries a safety assessment whose sources go beyond the parents, and for
    /// each child whether it was spoken to (alone) or why not; one from Veilig Thuis carries its bodemeisen. The
    /// rule holds whatever else the message says: a safety section must never depend on such flags (Almelo).
    /// </summary>
    private static string? HandOverProblem(WarmeOverdrachtOffered offer)
    {
        if (offer.Subject?.Role is SubjectRole.Child or SubjectRole.Family)
        {
            if (offer.Veiligheidsinschatting is not { } safety)
            {
                return "A warm hand-over about a child or family needs a safety assessment (veiligheidsinschatting).";
            }

            if (safety.Sources.All(s => s == SafetySource.Parents))
            {
                return "The safety assessment must draw on sources beyond the parents (the child, school, other professionals).";
            }

            if (safety.Children.Count == 0)
            {
                return "The safety assessment must say, per child, whether the child was spoken to.";
            }

            if (safety.Children.Any(c => !c.SpokenTo && string.IsNullOrWhiteSpace(c.ReasonNotSpokenTo)))
            {
                return "For every child not spoken to, the safety assessment must give the reason.";
            }
        }

        return offer.OriginType == OrganisationType.VeiligThuis && offer.Bodemeisen.Count == 0
            ? "A hand-over from Veilig Thuis must carry its bodemeisen (minimum safety conditions)."
            : null;
    }
}
