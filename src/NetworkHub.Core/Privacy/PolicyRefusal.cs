using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>Why the policy refused. Finer than the return code the sender receives; each maps to exactly one code.</summary>
public enum PolicyRefusal
{
    UnknownSender = 1,
    UnknownRecipient = 2,
    NoLegalBasisGiven = 3,
    BasisDoesNotCoverPurpose = 4,
    PurposeNotAllowedForRecipient = 5,
    SenderNotEntitledToBasis = 6,
    ShieldedSubject = 7,
    OverrideMissing = 8,
    MeldcodeStepMissing = 9,
    JustificationMissing = 10,
    SubjectNotIdentifiable = 11,
    ConsentNotAsked = 12,
    ConsentRefused = 13,
    ConsentWithdrawn = 14,
    ConsentExpired = 15,
    ConsentOutgrown = 16,
    PurposeDoesNotCoverContract = 17,
}

public static class PolicyRefusals
{
    /// <summary>The return code the sender receives for each refusal (docs/privacy.md shows the same table).</summary>
    public static IReadOnlyDictionary<PolicyRefusal, ReturnCode> ReturnCodes { get; } = new Dictionary<PolicyRefusal, ReturnCode>
    {
        [PolicyRefusal.UnknownSender] = ReturnCode.UnknownSender,
        [PolicyRefusal.UnknownRecipient] = ReturnCode.UnknownRecipient,
        [PolicyRefusal.NoLegalBasisGiven] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.BasisDoesNotCoverPurpose] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.PurposeNotAllowedForRecipient] = ReturnCode.PurposeNotAllowedForRecipient,
        [PolicyRefusal.SenderNotEntitledToBasis] = ReturnCode.NoLegalBasis,

        // Content sent as coordination traffic was sent without a basis for it.
        [PolicyRefusal.PurposeDoesNotCoverContract] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.ShieldedSubject] = ReturnCode.ShieldedSubject,

        // Without the meldcode step and justification the basis is claimed, not established.
        [PolicyRefusal.OverrideMissing] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.MeldcodeStepMissing] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.JustificationMissing] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.SubjectNotIdentifiable] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.ConsentNotAsked] = ReturnCode.NoLegalBasis,
        [PolicyRefusal.ConsentRefused] = ReturnCode.ConsentRefused,
        [PolicyRefusal.ConsentWithdrawn] = ReturnCode.ConsentWithdrawn,
        [PolicyRefusal.ConsentExpired] = ReturnCode.ConsentExpired,
        [PolicyRefusal.ConsentOutgrown] = ReturnCode.ConsentExpired,
    };

    public static ReturnCode ReturnCodeFor(PolicyRefusal refusal) => ReturnCodes[refusal];
}
