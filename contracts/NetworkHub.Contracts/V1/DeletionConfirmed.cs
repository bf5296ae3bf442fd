namespace NetworkHub.Contracts.V1;

/// <summary>
/// An organisation confirms it deleted what a <see cref="DeletionRequested"/> asked for, or says what it
/// must keep by law and why.
/// </summary>
[SentBy(AnyPartner = true)]
public sealed record DeletionConfirmed : HubMessage
{
    /// <summary>The <see cref="HubMessage.MessageId"/> of the request answered.</summary>
    [NoPersonalData]
    public required Guid RequestMessageId { get; init; }

    [NoPersonalData]
    public required DateOnly DeletedOn { get; init; }

    /// <summary>
    /// Why some data was kept (for example the Jeugdwet's retention period for a care dossier); null when
    /// everything in scope was deleted. A few words; never personal data.
    /// </summary>
    [NoPersonalData]
    public string? RetainedReason { get; init; }
}
