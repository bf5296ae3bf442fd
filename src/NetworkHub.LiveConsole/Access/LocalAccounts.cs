using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// The local account store: accounts from configuration, with hashed passwords, and accounts the demo adds at start.
/// </summary>
public sealed class LocalAccounts : IConsoleAccounts
{
    private readonly PasswordHasher<ConsoleAccount> _hasher = new();
    private readonly ConcurrentDictionary<string, ConsoleAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _decoyHash;

    public LocalAccounts(IOptions<ConsoleOptions> options)
    {
        foreach (var account in options.Value.Accounts)
        {
            Require(account);
            _accounts[account.User] = account;
        }

        _decoyHash = _hasher.HashPassword(new ConsoleAccount(), Guid.NewGuid().ToString());
    }

    /// <summary>The hash to configure as an account's PasswordHash (ASP.NET Core Identity's format, PBKDF2 with a random salt).</summary>
    public static string HashPassword(string password) => new PasswordHasher<ConsoleAccount>().HashPassword(new ConsoleAccount(), password);

    /// <summary>Adds an account with this password (hashed here; the password is not kept).</summary>
    public void Add(string user, string role, string organisation, string password)
    {
        var account = new ConsoleAccount { User = user, Role = role, Organisation = organisation, PasswordHash = HashPassword(password) };
        Require(account);
        _accounts[user] = account;
    }

    public ConsoleUser? Verify(string user, string password)
    {
        var account = _accounts.GetValueOrDefault(user);

        // An unknown user costs the same hashing as a known one, so timing does not tell which user names exist.
        var result = _hasher.VerifyHashedPassword(account ?? new ConsoleAccount(), account?.PasswordHash ?? _decoyHash, password);
        return account is not null && result != PasswordVerificationResult.Failed
            ? new ConsoleUser(account.User, account.Role, account.Organisation)
            : null;
    }

    private static void Require(ConsoleAccount account)
    {
        if (string.IsNullOrWhiteSpace(account.User) || string.IsNullOrWhiteSpace(account.Organisation) || string.IsNullOrWhiteSpace(account.PasswordHash))
        {
            throw new InvalidOperationException($"Every {ConsoleOptions.SectionName}:Accounts entry needs a User, an Organisation and a PasswordHash.");
        }

        if (!ConsoleRoles.All.Contains(account.Role))
        {
            throw new InvalidOperationException(
                $"Console account '{account.User}' has role '{account.Role}'; the roles are {string.Join(", ", ConsoleRoles.All)}.");
        }
    }
}
