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

/// <summary>The property carries content of this kind: a recipient sees it only where its decision allows the section.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SectionAttribute(SectionKind kind) : Attribute
{
    public SectionKind Kind { get; } = kind;
}

/// <summary>
/// The property carries no personal data about the family: a reference (an id, an organisation code, a date or time,
/// a code for a step or an answer) or a professional's working name. Every property of a contract is either this or a
/// <see cref="SectionAttribute"/>, or holds records whose own properties are classified; the hub withholds anything
/// else from every recipient and refuses to start with it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class NoPersonalDataAttribute : Attribute;
