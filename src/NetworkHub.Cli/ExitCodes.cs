namespace NetworkHub.Cli;

/// <summary>What <c>networkhub</c> exits with; scripts and monitoring depend on these, so they do not change.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary><c>audit verify</c> found a broken row in the access log's hash chain.</summary>
    public const int ChainBroken = 1;

    /// <summary><c>db migrate</c> refused the database (made by a newer release, or not the hub's).</summary>
    public const int MigrationRefused = 1;

    /// <summary>An unknown command or option, a missing or malformed value, or something that does not exist.</summary>
    public const int UsageError = 2;

    /// <summary>The hub's pseudonym keys are not configured, or are not those the database was filed under.</summary>
    public const int KeysMissing = 3;

    /// <summary>The broker (its management API) refused or could not be reached.</summary>
    public const int BrokerRefused = 3;

    /// <summary>The hub's database could not be reached or opened.</summary>
    public const int DatabaseUnavailable = 4;
}
