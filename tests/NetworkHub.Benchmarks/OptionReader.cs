using System.Globalization;

namespace NetworkHub.Benchmarks;

/// <summary>Walks <c>--name value</c> command-line arguments for the benchmark modes' option records.</summary>
public sealed class OptionReader(IReadOnlyList<string> args)
{
    private int _index = -1;

    /// <summary>The current option's name.</summary>
    public string Name => args[_index];

    public bool MoveNext() => ++_index < args.Count;

    public string Value() => _index + 1 < args.Count ? args[++_index] : throw new ArgumentException($"{Name} needs a value.");

    public int Number() =>
        int.Parse(Value(), CultureInfo.InvariantCulture) is var n and > 0 ? n : throw new ArgumentException($"{args[_index - 1]} must be positive.");

    /// <summary>One or more positive numbers separated by commas: <c>--concurrency 32,128</c>.</summary>
    public IReadOnlyList<int> Numbers()
    {
        var name = Name;
        var numbers = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => int.Parse(text, CultureInfo.InvariantCulture)).ToList();
        return numbers.Count > 0 && numbers.All(n => n > 0) ? numbers : throw new ArgumentException($"{name} needs positive numbers.");
    }

    /// <summary>A switch with an optional <c>true</c>/<c>false</c> after it: <c>--postgres</c>, <c>--postgres false</c>.</summary>
    public bool Switch()
    {
        if (_index + 1 < args.Count && bool.TryParse(args[_index + 1], out var on))
        {
            _index++;
            return on;
        }

        return true;
    }
}
