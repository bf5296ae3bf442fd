using System.CommandLine;
using System.CommandLine.Parsing;

namespace NetworkHub.Cli;

/// <summary>Options and arguments that check their values while parsing, so a bad value is a usage error naming it.</summary>
internal static class CliOptions
{
    public static Option<int> Max(string what) => new("--max")
    {
        Description = $"Show at most this many {what} (default 100).",
        HelpName = "n",
        DefaultValueFactory = _ => 100,
        CustomParser = result => Positive(result, "--max"),
    };

    public static Option<int> Positive(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "n",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Positive(result, name),
    };

    /// <summary>A record's number as <paramref name="listedBy"/> shows it (with or without its leading #).</summary>
    public static Argument<long> Id(string what, string listedBy) => new("id")
    {
        Description = $"The {what}'s number, as {listedBy} shows it.",
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value;
            if (long.TryParse(token.TrimStart('#'), out var id) && id > 0)
            {
                return id;
            }

            result.AddError($"'{token}' is not a number: give the {what}'s number as {listedBy} shows it (e.g. 12).");
            return 0;
        },
    };

    /// <summary>An enum value by name, in any case; numbers and unknown names are refused with the names allowed.</summary>
    public static Option<T> Enum<T>(string name, string description, T? defaultValue = null, bool lowerCase = false) where T : struct, Enum
    {
        var names = System.Enum.GetNames<T>().Select(n => lowerCase ? n.ToLowerInvariant() : n).ToArray();
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                var token = result.Tokens.Single().Value;
                if (names.Contains(token, StringComparer.OrdinalIgnoreCase))
                {
                    return System.Enum.Parse<T>(token, ignoreCase: true);
                }

                result.AddError($"'{token}' is not a value of {name}; use one of: {string.Join(", ", names)}.");
                return default;
            },
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    private static int Positive(ArgumentResult result, string name)
    {
        var token = result.Tokens.Single().Value;
        if (int.TryParse(token, out var n) && n > 0)
        {
            return n;
        }

        result.AddError($"{name} takes a whole number above 0, not '{token}'.");
        return 0;
    }
}
