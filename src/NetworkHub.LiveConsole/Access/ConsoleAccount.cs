namespace NetworkHub.LiveConsole.Access;

/// <summary>One account of the local store, as configured under NetworkHub:Console:Accounts.</summary>
public sealed class ConsoleAccount
{
    public string User { get; set; } = "";
    public string Role { get; set; } = "";

    /// <summary>The organisation the user works for, or "hub" for the hub's operations team.</summary>
    public string Organisation { get; set; } = "";

    /// <summary>ASP.NET Core Identity's password hash (PBKDF2 with a salt); the password itself is never stored.</summary>
    public string PasswordHash { get; set; } = "";
}
