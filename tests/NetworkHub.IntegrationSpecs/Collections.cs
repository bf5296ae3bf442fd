namespace NetworkHub.IntegrationSpecs;

// xunit only discovers collection definitions in the test assembly, so each test project declares
// its own; the fixtures themselves live in NetworkHub.Testing. Specs within a collection share one
// broker (or server) and run one after another; the two collections run in parallel.

[CollectionDefinition(RabbitMqFixture.Collection)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqFixture>;

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
