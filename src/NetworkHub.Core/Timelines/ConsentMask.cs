namespace NetworkHub.Core.Timelines;

/// <summary>
/// A consent reference is the recording organisation's own id ("school-de-regenboog/toestemming-0042"), which a partner
/// may have made of a name or a file number: the console shows who recorded it, never the id itself.
/// </summary>
public static class ConsentMask
{
    public const string Hidden = "•••";

    public static string? Mask(string? reference) => reference is null ? null
        : reference.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? reference[..(slash + 1)] + Hidden
        : Hidden;

    public static string? MaskIn(string? text, string? reference) =>
        text is null || string.IsNullOrEmpty(reference) ? text : text.Replace(reference, Mask(reference), StringComparison.Ordinal);
}
