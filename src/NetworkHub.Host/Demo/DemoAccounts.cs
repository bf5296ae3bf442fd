using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NetworkHub.LiveConsole.Access;

namespace NetworkHub.Host.Demo;

/// <summary>
/// Console accounts for the demo network, with passwords made at each start and printed once, so a newcomer can sign
/// in at /console: an operator per demo organisation, one for the hub's operations team who sees everything, a
/// regisseur and a privacy officer.
/// </summary>
public sealed class DemoAccounts(LocalAccounts accounts, ILogger<DemoAccounts> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var made = new List<(string User, string Role, string Organisation, string Password)>
        {
            ("beheer", ConsoleRoles.Operator, ConsoleRoles.OperationsTeam, Password()),
            ("regisseur-noord", ConsoleRoles.Regisseur, DemoNetwork.Wijkteam, Password()),
            ("privacy", ConsoleRoles.PrivacyOfficer, ConsoleRoles.OperationsTeam, Password()),
        };
        made.AddRange(DemoNetwork.Organisations.Select(o => (o.Code, ConsoleRoles.Operator, o.Code, Password())));

        var table = new StringBuilder("Demo console accounts (sign in at /console; new passwords at every start):");
        foreach (var (user, role, organisation, password) in made)
        {
            accounts.Add(user, role, organisation, password);
            table.Append(CultureInfo.InvariantCulture, $"\n  {user,-32} {role,-16} {organisation,-32} {password}");
        }

        logger.LogInformation("{Accounts}", table.ToString());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static string Password() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);
}
