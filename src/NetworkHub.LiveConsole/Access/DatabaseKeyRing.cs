using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Core.Persistence;

namespace NetworkHub.LiveConsole.Access;

/// <summary>
/// Keeps the keys that protect the console's sign-in cookies in the hub's database (table console_keys), so a browser
/// signed in at one hub instance stays signed in at the others and across restarts. Data Protection reads them once
/// and caches them; it adds a key rarely (every 90 days by default).
/// </summary>
public sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HubDbContext>().ConsoleKeys.OrderBy(k => k.Id).AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToArray();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.ConsoleKeys.Add(new ConsoleKeyRow { Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
