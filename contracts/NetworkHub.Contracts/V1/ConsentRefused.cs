namespace NetworkHub.Contracts.V1;

/// <summary>
/// Consent was asked and refused. Refusal is an explicit state, not a missing value: it blocks sharing on
/// that basis, and refusal while there are safety concerns is itself a reason to report to Veilig Thuis.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record ConsentRefused : HubMessage
{
    [NoPersonalData]
    public required string ConsentId { get; init; }

    [NoPersonalData]
    public required GrantorRole RefusedBy { get; init; }

    public required ConsentScope Scope { get; init; }

    [NoPersonalData]
    public required DateOnly RefusedOn { get; init; }
}
