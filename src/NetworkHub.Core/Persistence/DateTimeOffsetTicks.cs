using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NetworkHub.Core.Persistence;

internal static class DateTimeOffsetTicks
{
    public static readonly ValueConverter<DateTimeOffset, long> Converter =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public static readonly ValueConverter<DateTimeOffset?, long?> NullableConverter =
        new(v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
}
