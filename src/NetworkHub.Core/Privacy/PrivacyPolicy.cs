using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>
/// The one place that decides whether a message may go to a recipient, on which basis, and what that
/// recipient may see. Everything it decides follows from <see cref="PolicyTable"/>; this class only
/// applies the table in a fixed order: basis and purpose → contract → recipient type → sender → shielded subject
/// → override → consent.
/// </summary>
public sealed class PrivacyPolicy(PolicyTable table, Pseudonymizer pseudonymizer)
{
    /// <summary>A written justification shorter than this is not one.</summary>
    public const int MinimumJustificationLength = 20;

    public PolicyTable Table => table;

    /// <summary>Decides for every addressed recipient, including the ones the directory does not know.</summary>
    public IReadOnlyList<PolicyDecision> DecideAll(HubMessage message, IOrganisationDirectory directory, IConsentLookup consents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(directory);
        var sender = directory.Find(message.SenderOrganisation);
        return [.. message.Recipients.Distinct(StringComparer.Ordinal).Select(code =>
            sender is null ? Refuse(message, code, null, PolicyRefusal.UnknownSender, "The sender is not a known organisation.")
            : directory.Find(code) is { } recipient ? Decide(message, sender, recipient, consents, now)
            : Refuse(message, code, null, PolicyRefusal.UnknownRecipient, "The recipient is not a known organisation."))];
    }

    public PolicyDecision Decide(HubMessage message, Organisation sender, Organisation recipient, IConsentLookup consents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(consents);

        var subjectKey = pseudonymizer.SubjectKeyFor(message.Subject, sender.Code);
        PolicyDecision No(PolicyRefusal refusal, string reason, PolicyRule? rule = null) =>
            Refuse(message, recipient.Code, rule, refusal, reason) with { SubjectKey = subjectKey, SenderCode = sender.Code };

        // 1. Basis and purpose.
        var basisRules = table.Rules
            .Where(r => r.Purpose == message.Purpose && (r.Basis is null || r.Basis == message.LegalBasis))
            .ToList();
        if (basisRules.Count == 0)
        {
            return message.LegalBasis is null
                ? No(PolicyRefusal.NoLegalBasisGiven, $"No legal basis was given; purpose {message.Purpose} needs one to share data about a family.")
                : No(PolicyRefusal.BasisDoesNotCoverPurpose, $"Legal basis {message.LegalBasis} does not cover purpose {message.Purpose}.");
        }

        // Some purposes suit only some contracts: coordination carries references, never a signal's content.
        var contractRules = basisRules.Where(r => r.Contracts is null || r.Contracts.Contains(message.GetType())).ToList();
        if (contractRules.Count == 0)
        {
            return No(PolicyRefusal.PurposeDoesNotCoverContract,
                $"Purpose {message.Purpose} is for contracts that carry references alone; a {message.GetType().Name} carries content about the family and needs a legal basis and a purpose that cover it.",
                basisRules[0]);
        }

        basisRules = contractRules;

        // 2. Recipient type: purpose binding.
        var recipientRules = basisRules.Where(r => r.Recipients.Contains(recipient.Type)).ToList();
        if (recipientRules.Count == 0)
        {
            var allowed = string.Join(", ", basisRules.SelectMany(r => r.Recipients).Distinct().Order());
            return No(PolicyRefusal.PurposeNotAllowedForRecipient,
                $"Purpose {message.Purpose} on basis {Describe(message.LegalBasis)} is not allowed for a recipient of type {recipient.Type}; it is for: {allowed}.");
        }

        // 3. Sender: some bases belong to the sender's own statutory task.
        var rule = recipientRules.FirstOrDefault(r => r.Senders is null || r.Senders.Contains(sender.Type));
        if (rule is null)
        {
            var senders = string.Join(", ", recipientRules.SelectMany(r => r.Senders ?? new HashSet<OrganisationType>()).Distinct().Order());
            return No(PolicyRefusal.SenderNotEntitledToBasis,
                $"Only a sender of type {senders} may share on basis {Describe(message.LegalBasis)} for purpose {message.Purpose} with a {recipient.Type}; the sender is a {sender.Type}.",
                recipientRules[0]);
        }

        var profile = table.Profiles[recipient.Type];
        var shielded = message.Subject?.Shielded == true;

        // 4. A shielded subject never goes to a recipient that ties people to a location.
        if (shielded && !profile.MayReceiveShieldedSubjects)
        {
            return No(PolicyRefusal.ShieldedSubject,
                $"The subject has a shielded address; a {recipient.Type} never receives data about a shielded subject through the hub ({profile.Source}). Arrange this with the privacy officer.",
                rule);
        }

        // 5. Break the glass: only with the meldcode step and a written justification.
        var overrideNote = "";
        if (rule.Override != OverrideRequirement.None)
        {
            if (message.Override is not { } ovr)
            {
                return No(PolicyRefusal.OverrideMissing, rule.Override == OverrideRequirement.MeldcodeStepAndJustification
                    ? "Sharing without consent under the meldcode needs the meldcode step and a written justification; the message carries neither."
                    : "Sharing without consent for child protection needs a written justification; the message carries none.", rule);
            }

            if (rule.Override == OverrideRequirement.MeldcodeStepAndJustification && (ovr.Step is not { } step || !Enum.IsDefined(step)))
            {
                return No(PolicyRefusal.MeldcodeStepMissing, "A melding to Veilig Thuis must state the meldcode step it was made in.", rule);
            }

            if (string.IsNullOrWhiteSpace(ovr.Justification) || ovr.Justification.Trim().Length < MinimumJustificationLength)
            {
                return No(PolicyRefusal.JustificationMissing,
                    $"Sharing without consent needs a written justification of at least {MinimumJustificationLength} characters.", rule);
            }

            overrideNote = ovr.Step is { } s
                ? $" Shared without consent under the meldcode (step {(int)s}, {s}) with a written justification: flagged for privacy-officer review."
                : " Shared without consent with a written justification: flagged for privacy-officer review.";
        }

        // 6. Consent the sender recorded, for this subject, this purpose and this recipient.
        string? consentReference = null;
        ConsentState? consentState = null;
        var consentNote = "";
        if (rule.ConsentRequired)
        {
            var candidates = pseudonymizer.SubjectKeyCandidates(message.Subject, sender.Code);
            if (candidates.Count == 0)
            {
                return No(PolicyRefusal.SubjectNotIdentifiable,
                    "Consent cannot be checked: the subject carries neither a BSN nor a sender reference.", rule);
            }

            var record = candidates.Select(k => consents.FindApplicable(k, message.Purpose, sender.Code, recipient, now)).FirstOrDefault(r => r is not null);
            var state = record?.StateAt(now) ?? ConsentState.NotAsked;
            consentReference = record?.Id;
            consentState = state;
            if (state != ConsentState.Given)
            {
                return RefuseForConsent(message, recipient, rule, record, state, now) with
                {
                    SubjectKey = subjectKey,
                    SenderCode = sender.Code,
                    ConsentReference = consentReference,
                    ConsentState = state,
                };
            }

            consentNote = $" Consent {record!.Id} ({record.Method}, given by {string.Join(" and ", record.GrantedBy)}) covers {record.Scope}.";
        }

        // 7. What this recipient may see.
        var visible = new HashSet<SectionKind>(rule.Sections.Intersect(profile.MaySee));
        if (shielded)
        {
            visible.Remove(SectionKind.Address);
        }

        var bsn = rule.BsnAllowed && profile.BsnEntitled && visible.Contains(SectionKind.Identification) && !rule.Anonymous;
        var sees = visible.Count == 0 ? "no content sections" : string.Join(", ", visible.Order());
        var identity = rule.Anonymous ? "no identification, pseudonym or reference"
            : bsn ? "the BSN" : "a pseudonym instead of the BSN";

        return new PolicyDecision
        {
            Allowed = true,
            MessageId = message.MessageId,
            SenderCode = sender.Code,
            RecipientCode = recipient.Code,
            Basis = message.LegalBasis,
            Purpose = message.Purpose,
            RuleId = rule.Id,
            VisibleSections = visible,
            BsnAllowed = bsn,
            Anonymous = rule.Anonymous,
            OverrideUsed = rule.Override != OverrideRequirement.None,
            NeedsPrivacyReview = rule.Override != OverrideRequirement.None,
            SubjectKey = subjectKey,
            ConsentReference = consentReference,
            ConsentState = consentState,
            Reason = $"Delivered under rule {rule.Id} ({rule.Source}): {rule.Reason}{consentNote}{overrideNote}"
                + $" The {recipient.Type} sees {sees}, with {identity}"
                + (shielded ? "; the address is withheld (shielded subject)." : "."),
        };
    }

    private static PolicyDecision RefuseForConsent(HubMessage message, Organisation recipient, PolicyRule rule, ConsentRecord? record, ConsentState state, DateTimeOffset now)
    {
        var (refusal, reason) = state switch
        {
            ConsentState.Refused => (PolicyRefusal.ConsentRefused, $"Consent for {message.Purpose} with this {recipient.Type} was refused (record {record!.Id})."),
            ConsentState.Withdrawn => (PolicyRefusal.ConsentWithdrawn, $"Consent for {message.Purpose} with this {recipient.Type} was withdrawn (record {record!.Id})."),
            ConsentState.Expired when record!.OutgrownAt(now) => (PolicyRefusal.ConsentOutgrown,
                $"Consent {record.Id} was given by {string.Join(" and ", record.GrantedBy)}, which no longer suffices now the young person is older: from {ConsentAgeRules.OwnSayFrom} the young person consents too, from {ConsentAgeRules.AloneFrom} alone (WGBO)."),
            ConsentState.Expired => (PolicyRefusal.ConsentExpired, $"Consent {record!.Id} for {message.Purpose} has expired."),
            _ => (PolicyRefusal.ConsentNotAsked, $"The consent register holds no consent recorded by {message.SenderOrganisation} for {message.Purpose} with this {recipient.Type} (or organisation {recipient.Code})."),
        };

        if (message.Override is not null)
        {
            reason += " A meldcode override does not apply to consent-based sharing: a melding to Veilig Thuis uses basis Meldrecht.";
        }

        var safety = SectionMap.SignalsSafetyConcern(message);
        if (safety)
        {
            reason += " The message signals safety concerns: without consent, a melding to Veilig Thuis under the meldcode (basis Meldrecht, Wmo 2015 art. 5.2.6) is the lawful route; it needs no consent.";
        }

        return Refuse(message, recipient.Code, rule, refusal, reason) with { MeldingAdvised = safety };
    }

    private static PolicyDecision Refuse(HubMessage message, string recipientCode, PolicyRule? rule, PolicyRefusal refusal, string reason) => new()
    {
        Allowed = false,
        Refusal = refusal,
        ReturnCode = PolicyRefusals.ReturnCodeFor(refusal),
        MessageId = message.MessageId,
        SenderCode = message.SenderOrganisation,
        RecipientCode = recipientCode,
        Basis = message.LegalBasis,
        Purpose = message.Purpose,
        RuleId = rule?.Id,
        Reason = "Refused: " + reason,
    };

    private static string Describe(Grondslag? basis) => basis?.ToString() ?? "(none)";
}
