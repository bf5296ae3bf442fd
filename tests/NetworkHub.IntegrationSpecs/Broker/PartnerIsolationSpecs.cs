using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NetworkHub.IntegrationSpecs.Broker;

/// <summary>
/// With exactly what <c>networkhub partners provision</c> creates, one partner cannot touch another's way in or out:
/// the school cannot read, write, declare or delete what belongs to Veilig Thuis, nor speak as another user. Every
/// refusal comes from the broker itself (403 access refused, 406 for a foreign user-id), not from the hub.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class PartnerIsolationSpecs(RabbitMqFixture broker) : IAsyncLifetime
{
    private const ushort AccessRefused = 403;
    private const ushort PreconditionFailed = 406;
    private const string School = "school";
    private const string VeiligThuis = "veilig-thuis";
    private HubBrokerSpace _space = null!;
    private IConnection _school = null!;

    public async Task InitializeAsync()
    {
        _space = await HubBrokerSpace.CreateAsync(broker.Node, Amqp.UniqueName("isolation"),
            [new TestOrganisation(School, "Basisschool", OrganisationType.School), new TestOrganisation(VeiligThuis, "Veilig Thuis", OrganisationType.VeiligThuis)]);
        _school = await Amqp.ConnectAsync(_space.BrokerUriFor(School));
    }

    public async Task DisposeAsync()
    {
        await _school.DisposeAsync();
        await _space.DeleteAsync();
    }

    [Fact]
    public Task The_school_cannot_consume_from_veilig_thuis_queue() =>
        AssertRefusedAsync(AccessRefused, channel => channel.BasicConsumeAsync(HubTopology.PartnerQueue(VeiligThuis), autoAck: true, new AsyncEventingBasicConsumer(channel)));

    [Fact]
    public Task The_school_cannot_publish_into_veilig_thuis_queue() =>
        AssertRefusedAsync(AccessRefused, channel => PublishAsync(channel, HubTopology.PartnerQueue(VeiligThuis), _space.BrokerUser(School)));

    [Fact]
    public Task The_school_cannot_publish_into_veilig_thuis_ingress() =>
        AssertRefusedAsync(AccessRefused, channel => PublishAsync(channel, HubTopology.Ingress(VeiligThuis), _space.BrokerUser(School)));

    [Fact]
    public Task The_school_cannot_declare_veilig_thuis_queue() =>
        AssertRefusedAsync(AccessRefused, channel => channel.QueueDeclareAsync(HubTopology.PartnerQueue(VeiligThuis), durable: true, exclusive: false,
            autoDelete: false, HubTopology.QueueArguments.ToDictionary(a => a.Key, a => (object?)a.Value)));

    [Fact]
    public Task The_school_cannot_delete_veilig_thuis_queue() =>
        AssertRefusedAsync(AccessRefused, channel => channel.QueueDeleteAsync(HubTopology.PartnerQueue(VeiligThuis)));

    [Fact]
    public Task The_school_cannot_delete_veilig_thuis_exchange() =>
        AssertRefusedAsync(AccessRefused, channel => channel.ExchangeDeleteAsync(HubTopology.PartnerQueue(VeiligThuis)));

    [Fact]
    public Task The_school_cannot_bind_veilig_thuis_queue_to_its_own_exchange() =>
        AssertRefusedAsync(AccessRefused, channel => channel.QueueBindAsync(HubTopology.PartnerQueue(VeiligThuis), HubTopology.PartnerQueue(School), ""));

    [Fact]
    public Task The_school_cannot_publish_into_its_own_ingress_as_veilig_thuis() =>
        AssertRefusedAsync(PreconditionFailed, channel => PublishAsync(channel, HubTopology.Ingress(School), _space.BrokerUser(VeiligThuis)));

    [Fact]
    public async Task The_school_can_publish_into_its_own_ingress_as_itself()
    {
        await using var channel = await _school.CreateChannelAsync(Amqp.ConfirmedPublishing);
        await PublishAsync(channel, HubTopology.Ingress(School), _space.BrokerUser(School));
        Assert.True(channel.IsOpen);
    }

    private static Task PublishAsync(IChannel channel, string exchange, string userId) =>
        channel.BasicPublishAsync(exchange, "", mandatory: false, new BasicProperties { UserId = userId, Persistent = true }, "{}"u8.ToArray()).AsTask();

    private async Task AssertRefusedAsync(ushort code, Func<IChannel, Task> attempt)
    {
        var channel = await _school.CreateChannelAsync(Amqp.ConfirmedPublishing);
        var refused = await Record.ExceptionAsync(() => attempt(channel).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.NotNull(refused);
        Assert.IsNotType<TimeoutException>(refused);
        Assert.True(channel.IsClosed, $"The channel is still open after {refused.GetType().Name}: {refused.Message}");
        Assert.Equal(code, channel.CloseReason?.ReplyCode ?? 0);
    }
}
