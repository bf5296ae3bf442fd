namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// Where console users are checked. The local store (<see cref="LocalAccounts"/>) serves the embedded default, the demo
/// and the specs; OpenID Connect for production is a second sign-in scheme that issues the same claims
/// (<see cref="ConsoleUser"/>), not another implementation of this.
/// </summary>
public interface IConsoleAccounts
{
    /// <summary>The user, when the password is right; null otherwise (unknown user or wrong password alike).</summary>
    ConsoleUser? Verify(string user, string password);
}
