using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Routing;

/// <summary>
/// What the serializer lets through but a contract forbids: a null where the contract requires a value (a
/// property, a list item, a field of a nested record), an enum number the contract does not define, nesting
/// deeper than any contract has, text holding a NUL character (which PostgreSQL cannot store, so such a message
/// would fail only on that database, deep inside the hub). Such a message is malformed and returned at once; left
/// alone it would fail somewhere inside the hub, be retried as if the database were down, and never be answered.
/// The problem names the JSON path, never the value, which may be personal data.
/// </summary>
public static class MessageShape
{
    private const int MaxDepth = 8;
    private static readonly ConcurrentDictionary<Type, Member[]> Plans = new();

    public static string? FindProblem(HubMessage message) =>
        CheckRecord(message, message.GetType(), depth: 0) is { } problem ? $"'{problem.Path}' {problem.Text}" : null;

    // Paths are built only on the way back up from a problem: the valid messages on the hot path allocate none.
    private static Problem? CheckRecord(object record, Type type, int depth)
    {
        if (depth > MaxDepth)
        {
            return new Problem("", "is nested deeper than any contract allows.");
        }

        foreach (var member in Plans.GetOrAdd(type, Plan))
        {
            if (CheckValue(member.Property.GetValue(record), member.Property.PropertyType, member.Nullability, depth) is { } problem)
            {
                return problem.Under(member.JsonName);
            }
        }

        return null;
    }

    private static Problem? CheckValue(object? value, Type type, NullabilityInfo nullability, int depth)
    {
        if (value is null)
        {
            return nullability.ReadState == NullabilityState.Nullable ? null : new Problem("", "is required and may not be null.");
        }

        var valueType = Nullable.GetUnderlyingType(type) ?? type;
        if (valueType.IsEnum)
        {
            return Enum.IsDefined(valueType, value) ? null : new Problem("", "has a value its contract does not define.");
        }

        if (value is string text)
        {
            return text.Contains('\0', StringComparison.Ordinal) ? new Problem("", "holds a NUL character.") : null;
        }

        if (!IsContractOrCollection(valueType))
        {
            return null;
        }

        if (value is IEnumerable items)
        {
            var item = nullability.ElementType ?? nullability.GenericTypeArguments.FirstOrDefault();
            var itemType = valueType.IsArray ? valueType.GetElementType()! : valueType.GetGenericArguments().FirstOrDefault() ?? typeof(object);
            var index = 0;
            foreach (var element in items)
            {
                if (item is not null && CheckValue(element, itemType, item, depth + 1) is { } problem)
                {
                    return problem.Under($"[{index}]");
                }

                index++;
            }

            return null;
        }

        return CheckRecord(value, valueType, depth + 1);
    }

    private static bool IsContractOrCollection(Type type) =>
        type.Namespace?.StartsWith("NetworkHub.Contracts", StringComparison.Ordinal) == true
        || typeof(IEnumerable).IsAssignableFrom(type);

    private static Member[] Plan(Type type)
    {
        var context = new NullabilityInfoContext(); // not thread-safe: one per plan
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .Select(p => new Member(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), context.Create(p)))
            .ToArray();
    }

    private sealed record Member(PropertyInfo Property, string JsonName, NullabilityInfo Nullability);

    /// <summary>A problem and its path below the value where it was found.</summary>
    private sealed record Problem(string Path, string Text)
    {
        /// <summary>The problem as seen from one step up: a property name or a list position (<c>[2]</c>).</summary>
        public Problem Under(string step) => this with { Path = Path.Length == 0 || Path[0] == '[' ? step + Path : $"{step}.{Path}" };
    }
}
