using System.Security.Claims;

namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// The signed-in user as the server knows it, read from the authentication cookie it issued: never from anything the
/// browser sends with a request. Whatever signs a user in (the local store now, OpenID Connect later) issues these claims.
/// </summary>
public sealed record ConsoleUser(string Name, string Role, string Organisation)
{
    public const string OrganisationClaim = "networkhub:organisation";

    public bool IsOperationsTeam => Organisation == ConsoleRoles.OperationsTeam;

    /// <summary>May see activity of <paramref name="organisation"/>: its own, or any for the operations team.</summary>
    public bool Sees(string organisation) => IsOperationsTeam || organisation == Organisation;

    /// <summary>May see activity that concerns these organisations.</summary>
    public bool SeesAny(IEnumerable<string> organisations) => IsOperationsTeam || organisations.Contains(Organisation);

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role), new Claim(OrganisationClaim, Organisation)], scheme));

    public static ConsoleUser From(ClaimsPrincipal? principal) =>
        principal?.FindFirstValue(ClaimTypes.Name) is { } name && principal.FindFirstValue(ClaimTypes.Role) is { } role
            && principal.FindFirstValue(OrganisationClaim) is { } organisation
            ? new ConsoleUser(name, role, organisation)
            : throw new InvalidOperationException("The request carries no console user; the console's endpoints require one.");
}
