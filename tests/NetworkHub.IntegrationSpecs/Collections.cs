namespace NetworkHub.IntegrationSpecs;

// xunit only discovers collection definitions in the test assembly, so each test project declares
// its own; the fixtures themselves live in NetworkHub.Testing. Specs within a collection share one
// broker (or server) and run one after another; the two collections run in parallel. The hub specs
// run on SQLite and on PostgreSQL, so the broker's collection has a PostgreSQL server of its own.

[CollectionDefinition(RabbitMqFixture.Collection)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqFixture>, ICollectionFixture<PostgresFixture>;

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
