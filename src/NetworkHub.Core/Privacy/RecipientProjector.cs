using System.Text.Json;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// Makes the copy of a message one recipient receives: only the sections its decision allows, a
/// pseudonym instead of the BSN where it is not entitled to it, never a shielded subject's address,
/// no trace of the other recipients, and no consent reference (a consent id is the recorder's own). Works on any
/// contract through its classification: a property in no section, not marked [NoPersonalData] and holding no
/// classified records reaches no recipient at all.
/// </summary>
public sealed class RecipientProjector(Pseudonymizer pseudonymizer)
{
    // A JSON round trip gives a deep copy that shares nothing with the sender's message, so the copy
    // can be changed in place without touching the original or another recipient's copy.
    private static readonly JsonSerializerOptions CopyOptions = new(JsonSerializerDefaults.General);

    public T Project<T>(T message, PolicyDecision decision, Organisation recipient)
        where T : HubMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(recipient);
        if (!decision.Allowed)
        {
            throw new InvalidOperationException("A refused message is not projected; it goes back to the sender.");
        }

        if (decision.MessageId != message.MessageId || !string.Equals(decision.RecipientCode, recipient.Code, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The decision was made for another message or recipient.");
        }

        var type = message.GetType();
        var copy = (T)(JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(message, type, CopyOptions), type, CopyOptions)
            ?? throw new InvalidOperationException($"{type.Name} did not survive a copy."));

        SectionMap.Walk(copy, (node, map) =>
        {
            // Pseudonym from the sender's data before the BSN is removed.
            if (node is SubjectReference subject)
            {
                Minimise(subject, decision, recipient.Code, message.SenderOrganisation);
            }

            if (node is PlannedSharing sharing)
            {
                typeof(PlannedSharing).GetProperty(nameof(PlannedSharing.ConsentReference))!.SetValue(sharing, null);
            }

            foreach (var section in map.Sections)
            {
                if (!decision.VisibleSections.Contains(section.Kind))
                {
                    section.Withhold(node);
                }
            }

            foreach (var property in map.Unclassified)
            {
                SectionMap.Withhold(node, property);
            }
        });

        return (T)((HubMessage)copy with
        {
            Recipients = [recipient.Code],
            ConsentReference = null,

            // The justification is for the recipient of the melding or order and for the privacy officer only.
            Override = decision.OverrideUsed ? copy.Override : null,
        });
    }

    private void Minimise(SubjectReference subject, PolicyDecision decision, string recipientCode, string senderOrganisation)
    {
        // The hub's own messages carry subjects it already put in the recipient's terms (its own pseudonym).
        var pseudonym = decision.Anonymous ? null
            : senderOrganisation == HubTopology.HubOrganisation ? subject.Pseudonym
            : pseudonymizer.PseudonymFor(recipientCode, subject, senderOrganisation);
        SetSubject(subject, nameof(SubjectReference.Pseudonym), pseudonym);

        // BsnAllowed implies identification is visible, so this is the only place the BSN is decided.
        if (!decision.BsnAllowed)
        {
            SetSubject(subject, nameof(SubjectReference.Bsn), null);
        }

        // A shielded address never leaves the hub, whatever the decision says.
        if (subject.Shielded)
        {
            SetSubject(subject, nameof(SubjectReference.Address), null);
        }

        if (decision.Anonymous)
        {
            SetSubject(subject, nameof(SubjectReference.SenderReference), null);
            SetSubject(subject, nameof(SubjectReference.FamilyReference), null);
        }
    }

    private static void SetSubject(SubjectReference subject, string property, object? value) =>
        typeof(SubjectReference).GetProperty(property)!.SetValue(subject, value);
}
