using Xunit.Abstractions;

namespace NetworkHub.Specs.Privacy;

/// <summary>
/// A theory argument that shows in full in test results (xunit cuts plain strings at 50 characters),
/// so each table-driven case reads as its sentence.
/// </summary>
public sealed class CaseName : IXunitSerializable
{
    public CaseName()
    {
    }

    public CaseName(string text) => Text = text;

    public string Text { get; private set; } = "";

    public void Deserialize(IXunitSerializationInfo info) => Text = info.GetValue<string>(nameof(Text));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Text), Text);

    public override string ToString() => Text;
}
