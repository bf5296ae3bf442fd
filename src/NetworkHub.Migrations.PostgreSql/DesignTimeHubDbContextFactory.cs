using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NetworkHub.Core.Persistence;

namespace NetworkHub.Migrations.PostgreSql;

/// <summary>
/// For the dotnet-ef tool only: the hub's context on PostgreSQL, so that `dotnet ef migrations add` writes this
/// provider's migration. It never connects; databases are migrated by the hub or `networkhub db migrate`.
/// </summary>
public sealed class DesignTimeHubDbContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HubDbContext>().UseHubPostgreSql("Host=localhost;Database=networkhub_design_time").Options);
}
