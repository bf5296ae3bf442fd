using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetworkHub.Cli;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Host.Hosting;

namespace NetworkHub.IntegrationSpecs.Migrations;

/// <summary>
/// The hub's schema across releases, on each database it supports: a database made by the release before migrations
/// is adopted and upgraded without losing a row, an empty one gets every migration, and a database the hub cannot
/// run on is refused with an error that says what to do.
/// </summary>
public abstract class MigrationSpecs : IAsyncLifetime
{
    private static readonly DateTimeOffset FixtureTime = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    // A fixed pseudonym key, so hubs sharing a data directory do not race to create one; logs kept to warnings.
    private static readonly string[] SpecSettings =
    [
        "--NetworkHub:Pseudonyms:CurrentKeyId=spec",
        $"--NetworkHub:Pseudonyms:Keys:spec={Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())}",
        "--Logging:LogLevel:Default=Warning",
    ];

    private SpecDatabase _database = null!;

    /// <summary>A new, empty database for one spec.</summary>
    protected abstract Task<SpecDatabase> NewDatabaseAsync();

    public async Task InitializeAsync() => _database = await NewDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_database_made_by_the_release_before_migrations_is_adopted_and_upgraded_without_losing_a_row()
    {
        await _database.RestorePreMigrationReleaseAsync();
        var before = await _database.RowCountsAsync();

        await InitialiseHubAsync();

        var after = await _database.RowCountsAsync();
        Assert.All(before, table => Assert.True(table.Value > 0, $"The fixture has no row in {table.Key}."));
        Assert.Equal(before.Where(t => t.Key != "schema_version"), after.Where(t => before.ContainsKey(t.Key)).Where(t => t.Key != "schema_version"));
        Assert.DoesNotContain("schema_version", after.Keys); // the migration history took its place
        await using var db = _database.NewContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        await AssertTheFixturesValuesReadBackAsync(db);
    }

    [Fact]
    public async Task An_empty_database_gets_every_migration_and_a_table_for_every_entity()
    {
        await InitialiseHubAsync();

        await using var db = _database.NewContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var tables = (await _database.RowCountsAsync()).Keys.Where(t => !t.StartsWith("__EF", StringComparison.Ordinal));
        Assert.Equal(db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Order(StringComparer.Ordinal), tables);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task The_baseline_migration_makes_exactly_the_schema_of_the_release_before_migrations()
    {
        await _database.RestorePreMigrationReleaseAsync();
        var baselineDatabase = await NewDatabaseAsync();
        await using (var db = baselineDatabase.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        }

        Assert.Equal(await _database.SchemaAsync(), await baselineDatabase.SchemaAsync());
    }

    [Fact]
    public async Task A_database_a_newer_release_migrated_is_refused_with_an_error_naming_the_unknown_migration()
    {
        await InitialiseHubAsync();
        await using (var db = _database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromANewerRelease', '11.0.0')");
        }

        var refused = await Assert.ThrowsAsync<DatabaseSchemaException>(() => InitialiseHubAsync());

        Assert.Equal(SchemaProblem.NewerRelease, refused.Problem);
        Assert.Contains("29991231000000_FromANewerRelease", refused.Message, StringComparison.Ordinal);
        Assert.Contains("a newer release upgraded it", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_made_before_migrations_with_another_schema_is_refused_and_left_as_it_was()
    {
        await _database.RestorePreMigrationReleaseAsync();
        await using (var db = _database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE schema_version SET \"Fingerprint\" = 'an older pre-release'");
        }

        var refused = await Assert.ThrowsAsync<DatabaseSchemaException>(() => InitialiseHubAsync());

        Assert.Equal(SchemaProblem.UnknownPreMigrationSchema, refused.Problem);
        Assert.Contains("an older pre-release", refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be adopted", refused.Message, StringComparison.Ordinal);
        await using var check = _database.NewContext();
        Assert.Empty(await check.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task With_MigrateOnStart_off_a_database_with_pending_migrations_refuses_to_start_and_names_the_command_that_migrates()
    {
        await _database.RestorePreMigrationReleaseAsync();
        var before = await _database.RowCountsAsync();
        await using var hub = BuildHub("--NetworkHub:MigrateOnStart=false");

        var refused = await Assert.ThrowsAsync<DatabaseSchemaException>(() => hub.StartAsync());

        Assert.Equal(SchemaProblem.MigrationsPending, refused.Problem);
        Assert.Contains("networkhub db migrate", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _database.RowCountsAsync()); // nothing adopted, nothing migrated
    }

    [Fact]
    public async Task The_migrate_command_upgrades_a_database_showing_each_migration_and_the_hub_then_starts_without_migrating()
    {
        await _database.RestorePreMigrationReleaseAsync();
        using var output = new StringWriter();

        var exit = await NetworkHubCommand.RunAsync(["db", "migrate", .. _database.HubArguments], output, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exit);
        await using var db = _database.NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains($"adopted it: {migrations[0]} recorded as applied", output.ToString(), StringComparison.Ordinal);
        Assert.All(migrations.Skip(1), id => Assert.Contains($"Applying migration '{id}'", output.ToString(), StringComparison.Ordinal));
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
        await using var hub = BuildHub("--NetworkHub:MigrateOnStart=false");
        await hub.StartAsync();
        await hub.StopAsync();
    }

    [Fact]
    public async Task Two_hubs_starting_together_on_an_empty_database_both_start_with_one_registry_row_per_organisation()
    {
        string[] organisations =
        [
            "--NetworkHub:Organisations:0:Code=school-de-regenboog", "--NetworkHub:Organisations:0:Name=Basisschool De Regenboog",
            "--NetworkHub:Organisations:0:Type=School", "--NetworkHub:Organisations:0:BrokerUser=school",
            "--NetworkHub:Organisations:1:Code=wijkteam-noord", "--NetworkHub:Organisations:1:Name=Sociaal Wijkteam Noord",
            "--NetworkHub:Organisations:1:Type=Wijkteam", "--NetworkHub:Organisations:1:BrokerUser=wijkteam",
        ];
        await using var one = BuildHub(organisations);
        await using var other = BuildHub(organisations);

        await Task.WhenAll(Task.Run(() => one.StartAsync()), Task.Run(() => other.StartAsync()));

        await using var db = _database.NewContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(["school-de-regenboog", "wijkteam-noord"], await db.Organisations.OrderBy(o => o.Code).Select(o => o.Code).ToListAsync());
        await Task.WhenAll(one.StopAsync(), other.StopAsync());
    }

    /// <summary>Values of every kind the fixture holds, read through this release's model.</summary>
    private static async Task AssertTheFixturesValuesReadBackAsync(HubDbContext db)
    {
        Assert.Equal(
            [("school-de-regenboog", "Basisschool De Regenboog", OrganisationType.School, "school"), ("wijkteam-noord", "Sociaal Wijkteam Noord", OrganisationType.Wijkteam, "wijkteam")],
            (await db.Organisations.OrderBy(o => o.Code).ToListAsync()).Select(o => (o.Code, o.Name, o.Type, o.BrokerUser)));
        var handOff = await db.HandOffs.SingleAsync();
        Assert.Equal((HandOffState.Dispatched, FixtureTime, FixtureTime.AddDays(3)), (handOff.State, handOff.CreatedAt, handOff.AcknowledgementDueAt!.Value));
        var consent = await db.Consents.SingleAsync();
        Assert.Equal((new DateOnly(2015, 4, 1), FixtureTime.AddYears(1)), (consent.SubjectBirthDate, consent.ValidUntil!.Value));
        Assert.Equal(("school-de-regenboog", "consent-0001"), (consent.RecordedBy, consent.ConsentId)); // its recorder still finds it by its own id
        Assert.Equal([0x7b, 0x7d], (await db.Quarantine.SingleAsync()).Body);
        Assert.Equal("{\"pending\":true}", (await db.Outbox.SingleAsync(o => o.DispatchedAt == null)).Payload);
        var accessLog = await new AccessLogStore(db).VerifyAsync(CancellationToken.None);
        Assert.Equal((true, 2L), (accessLog.Intact, accessLog.RowsChecked)); // every hashed field as it was
    }

    /// <summary>What the hub does at start before anything else runs: its initialiser alone, so no background work changes a row.</summary>
    private async Task InitialiseHubAsync()
    {
        await using var hub = BuildHub();
        await hub.Services.GetServices<IHostedService>().OfType<HubInitializer>().Single().StartAsync(CancellationToken.None);
    }

    private WebApplication BuildHub(params string[] extra) =>
        HubApp.Build([.. _database.HubArguments, .. SpecSettings, "--urls=http://127.0.0.1:0", .. extra]);
}

public sealed class Migrations_on_sqlite : MigrationSpecs
{
    protected override Task<SpecDatabase> NewDatabaseAsync() => Task.FromResult<SpecDatabase>(new SqliteSpecDatabase());
}

[Collection(PostgresFixture.Collection)]
public sealed class Migrations_on_postgresql(PostgresFixture postgres) : MigrationSpecs
{
    protected override async Task<SpecDatabase> NewDatabaseAsync() =>
        new PostgreSqlSpecDatabase(await postgres.Server.CreateDatabaseAsync($"migrations_{Guid.NewGuid():N}"));
}
