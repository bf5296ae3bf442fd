using NetworkHub.Host.Hosting;
using NetworkHub.LiveConsole.Access;

// "console-password-hash": reads a password from standard input and prints the hash to configure for a console account.
if (args is ["console-password-hash"])
{
    Console.WriteLine(LocalAccounts.HashPassword(Console.ReadLine() ?? ""));
    return;
}

await HubApp.Build(args).RunAsync();

/// <summary>Entry point, visible to specs.</summary>
public partial class Program;
