using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// A consent register row; the domain's <see cref="ConsentRecord"/> flattened for storage. Partners choose their
/// own consent ids, so an id means something only together with the organisation that recorded it: the row's
/// <see cref="Id"/> is the hub's, <see cref="ConsentId"/> the recorder's.
/// </summary>
public sealed class ConsentRow
{
    public required string Id { get; set; }

    /// <summary>The id the recording organisation gave the consent (one partner consent may cover several rows, one per target).</summary>
    public required string ConsentId { get; set; }
    public required string SubjectKey { get; set; }
    public required DateOnly SubjectBirthDate { get; set; }
    public required Purpose Purpose { get; set; }
    public string? ScopeOrganisation { get; set; }
    public OrganisationType? ScopeType { get; set; }

    /// <summary>Grantor roles, comma-separated (a young person of 12–15 and a parent decide together).</summary>
    public required string GrantedBy { get; set; }
    public required ConsentDecision Decision { get; set; }
    public required DateTimeOffset DecidedAt { get; set; }
    public required ConsentMethod Method { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>The organisation that registered the decision: the only sender it concerns, the only partner that may withdraw it.</summary>
    public required string RecordedBy { get; set; }

    public ConsentRecord ToRecord() => new()
    {
        Id = Id,
        RecordedBy = RecordedBy,
        Subject = new SubjectKey(SubjectKey),
        SubjectBirthDate = SubjectBirthDate,
        Purpose = Purpose,
        Scope = ScopeOrganisation is not null ? Privacy.ConsentScope.ForOrganisation(ScopeOrganisation) : Privacy.ConsentScope.ForType(ScopeType!.Value),
        GrantedBy = [.. GrantedBy.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<GrantorRole>)],
        Decision = Decision,
        DecidedAt = DecidedAt,
        Method = Method,
        ValidUntil = ValidUntil,
        WithdrawnAt = WithdrawnAt,
    };

    public static ConsentRow From(ConsentRecord record, string consentId) => new()
    {
        Id = record.Id,
        ConsentId = consentId,
        SubjectKey = record.Subject.Value,
        SubjectBirthDate = record.SubjectBirthDate,
        Purpose = record.Purpose,
        ScopeOrganisation = record.Scope.OrganisationCode,
        ScopeType = record.Scope.OrganisationType,
        GrantedBy = string.Join(',', record.GrantedBy),
        Decision = record.Decision,
        DecidedAt = record.DecidedAt,
        Method = record.Method,
        ValidUntil = record.ValidUntil,
        WithdrawnAt = record.WithdrawnAt,
        RecordedBy = record.RecordedBy,
    };
}

/// <summary>
/// The access log's single head row: the last sealed sequence number. A sealer locks it first, which
/// serialises sealers (a row lock on PostgreSQL, the write lock on SQLite), so the hash chain never forks.
/// </summary>
public sealed class AccessLogHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
}
