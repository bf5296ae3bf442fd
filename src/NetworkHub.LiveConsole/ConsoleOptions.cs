using NetworkHub.LiveConsole.Access;

namespace NetworkHub.LiveConsole;

/// <summary>The console's settings, section "NetworkHub:Console" (see docs/console.md).</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "NetworkHub:Console";

    /// <summary>
    /// The local account store: user, role (operator, regisseur, privacy-officer), organisation code (or "hub" for the
    /// hub's operations team) and a password hash (ASP.NET Core Identity's format; never a password).
    /// </summary>
    public List<ConsoleAccount> Accounts { get; set; } = [];

    /// <summary>Sign-in through the organisation's identity provider (production); when empty, the local account store.</summary>
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    /// <summary>How many of the latest hand-offs the feed shows on load, from the database, before live ones arrive.</summary>
    public int FeedSize { get; set; } = 50;

    /// <summary>How often live activity is sent to browsers, in one batch per group.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// At most this many new feed rows and this many state changes go to a group in one batch, the newest: a screen shows a
    /// few hundred lines, so at a thousand hand-offs a second a browser gets what it can show and a count of the rest.
    /// </summary>
    public int LiveRowsPerBatch { get; set; } = 200;

    /// <summary>Activity waiting to be sent; when full, the oldest is dropped (and counted) rather than the hub slowed.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>A partner from whom the hub has seen no message for this long is shown as silent.</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The network view counts the hand-offs of this last stretch of time (then adds what happens live).</summary>
    public TimeSpan NetworkWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the attention list's items that follow from the hub's state (waiting, quarantined, silent) are worked out again.</summary>
    public TimeSpan AttentionInterval { get; set; } = TimeSpan.FromSeconds(10);
}
