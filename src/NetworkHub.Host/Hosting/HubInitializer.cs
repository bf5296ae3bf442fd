using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Broker;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Host.Messaging;

namespace NetworkHub.Host.Hosting;

/// <summary>
/// Runs before the bus starts (registered first): brings the schema up to date (or, with MigrateOnStart off, refuses
/// a database that is not), refuses pseudonym keys other than those the database was filed under, registers the
/// configured organisations and, on RabbitMQ, provisions their queues, so no message can arrive before the hub can
/// route it.
/// </summary>
public sealed class HubInitializer(
    IServiceScopeFactory scopes,
    OrganisationRegistry registry,
    Pseudonymizer pseudonymizer,
    TimeProvider clock,
    BrokerProvisioner provisioner,
    IOptions<HubOptions> options,
    ILogger<HubInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (db.Database.IsSqlite())
        {
            Directory.CreateDirectory(options.Value.DataDirectory);
        }

        if (options.Value.MigrateOnStart)
        {
            await SchemaMigrator.MigrateAsync(db, progress => logger.LogInformation("{Progress}", progress), ct);
        }
        else
        {
            await SchemaMigrator.RequireCurrentAsync(db, ct);
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the single writer; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await new PseudonymKeyRegister(db).RequireAndRecordAsync(pseudonymizer, clock.GetUtcNow(), ct);
        await registry.UpsertAsync(db, options.Value.Organisations.Select(o => o.ToRegistered()), ct);

        if (options.Value.Transport == TransportKind.RabbitMq)
        {
            await provisioner.ProvisionAsync(options.Value.Broker(), registry.All.Select(o => o.Code), ct);
            if (options.Value.ProvisionPartnersOnStart)
            {
                await ProvisionPartnersAsync(ct);
            }
        }
    }

    private async Task ProvisionPartnersAsync(CancellationToken ct)
    {
        var hub = options.Value;
        var plan = PartnerBrokerPlan.For(hub.RequireRabbitMqUri(), registry.All, hub.PartnerBroker);
        using var api = hub.OpenBrokerManagement();
        var results = await new PartnerProvisioning(api).ApplyAsync(plan, new ProvisioningRequests { CreateUsers = false }, ct);
        foreach (var result in results.Where(r => r.Change is PartnerUserChange.Missing or PartnerUserChange.StaysDisabled))
        {
            logger.LogWarning("Partner {Organisation} cannot use the broker: its user {User} is {State}; see networkhub partners provision",
                result.Partner.Code, result.Partner.User, result.Change == PartnerUserChange.Missing ? "missing" : "disabled");
        }

        logger.LogInformation("Broker provisioned for {PartnerCount} partners", results.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
