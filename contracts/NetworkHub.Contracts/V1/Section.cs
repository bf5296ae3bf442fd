namespace NetworkHub.Contracts.V1;

/// <summary>
/// Kinds of content a recipient may or may not see. Properties carrying such content are marked with
/// <see cref="SectionAttribute"/>, so the hub's minimisation can drop what a recipient may not receive
/// without knowing each contract by heart.
/// </summary>
public enum SectionKind
{
    Identification = 1,
    Address = 2,
    Reason = 3,
    Safety = 4,
    Health = 5,
    VeiligThuisDetails = 6,
    Justice = 7,
    Finances = 8,
    Plan = 9,
}

[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SectionAttribute(SectionKind kind) : Attribute
{
    public SectionKind Kind { get; } = kind;
}
