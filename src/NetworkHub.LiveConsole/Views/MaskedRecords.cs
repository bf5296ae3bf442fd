using NetworkHub.Core.Privacy;

namespace NetworkHub.LiveConsole.Views;

/// <summary>
/// A record the console shows with its personal data masked: the organisations it concerns (who may see it), the message and
/// person it is about (for the access log), and its fields as the contract classifies them.
/// </summary>
public sealed record MaskedRecord(IReadOnlyList<string> Concerns, Guid? MessageId, SubjectKey? Subject, IReadOnlyList<MessageField> Fields);

/// <summary>Where masked records of one kind come from ("quarantine"); a view that shows masked fields registers one.</summary>
public interface IMaskedRecordSource
{
    string Name { get; }

    Task<MaskedRecord?> FindAsync(string id, CancellationToken ct);
}

/// <summary>Every source of masked records, by name: what <c>Unmask</c> reads a field from.</summary>
public sealed class MaskedRecords(IEnumerable<IMaskedRecordSource> sources)
{
    private readonly Dictionary<string, IMaskedRecordSource> _sources = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public IMaskedRecordSource? Find(string name) => _sources.GetValueOrDefault(name);
}

/// <summary>A field as the browser gets it: a personal value never, only that it is there and masked.</summary>
public sealed record FieldView(string Path, string? Value, bool Masked)
{
    public static IReadOnlyList<FieldView> Masking(IEnumerable<MessageField> fields) =>
        [.. fields.Select(f => f.Personal && f.Value is not null ? new FieldView(f.Path, null, Masked: true) : new FieldView(f.Path, f.Value, Masked: false))];
}
