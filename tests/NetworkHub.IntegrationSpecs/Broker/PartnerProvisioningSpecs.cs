using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Broker;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NetworkHub.IntegrationSpecs.Broker;

/// <summary>
/// Partner provisioning on a real broker: idempotent, rotating a credential or disabling a partner holds at once,
/// and a full ingress refuses only its own partner's publishes.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class PartnerProvisioningSpecs(RabbitMqFixture broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const string School = "school";
    private const string Huisarts = "huisarts";
    private const int QueueLength = 5;
    private HubBrokerSpace _space = null!;

    public async Task InitializeAsync() =>
        _space = await HubBrokerSpace.CreateAsync(broker.Node, Amqp.UniqueName("provisioning"),
            [new TestOrganisation(School, "Basisschool", OrganisationType.School), new TestOrganisation(Huisarts, "Huisarts", OrganisationType.Huisarts)],
            new PartnerBrokerLimits { MaxQueueLength = QueueLength });

    public Task DisposeAsync() => _space.DeleteAsync();

    [Fact]
    public async Task Provisioning_again_changes_nothing_and_the_partners_keep_their_passwords()
    {
        var again = await _space.ProvisionAsync(new ProvisioningRequests());

        Assert.All(again, result => Assert.Equal((PartnerUserChange.Unchanged, (string?)null), (result.Change, result.NewPassword)));
        await using var school = await Amqp.ConnectAsync(_space.BrokerUriFor(School));
        Assert.True(school.IsOpen);
    }

    [Fact]
    public async Task A_rotated_credential_closes_the_partners_open_connection_and_only_the_new_password_connects()
    {
        var before = await Amqp.ConnectAsync(_space.BrokerUriFor(School));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        before.ConnectionShutdownAsync += (_, _) => { closed.TrySetResult(); return Task.CompletedTask; };

        var rotated = (await _space.ProvisionAsync(new ProvisioningRequests { Rotate = new HashSet<string> { School } })).Single(r => r.Partner.Code == School);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(PartnerUserChange.Rotated, rotated.Change);
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => Amqp.ConnectAsync(_space.BrokerUriFor(School)));
        await using var after = await Amqp.ConnectAsync(_space.BrokerUriFor(School, rotated.NewPassword!));
        Assert.True(after.IsOpen);
    }

    [Fact]
    public async Task A_disabled_partner_is_disconnected_cannot_send_to_the_hub_and_stays_disabled_when_provisioning_runs_again()
    {
        var before = await Amqp.ConnectAsync(_space.BrokerUriFor(School));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        before.ConnectionShutdownAsync += (_, _) => { closed.TrySetResult(); return Task.CompletedTask; };

        await _space.ProvisionAsync(new ProvisioningRequests { Disable = new HashSet<string> { School } });
        var again = await _space.ProvisionAsync(new ProvisioningRequests());

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(PartnerUserChange.StaysDisabled, again.Single(r => r.Partner.Code == School).Change);
        var refused = await Record.ExceptionAsync(async () =>
        {
            await using var school = await Amqp.ConnectAsync(_space.BrokerUriFor(School));
            await using var channel = await school.CreateChannelAsync(Amqp.ConfirmedPublishing);
            await PublishAsync(channel, School);
        });
        output.WriteLine($"The disabled school was refused with {refused?.GetType().Name}: {refused?.Message}");
        Assert.NotNull(refused);
        Assert.IsNotType<TimeoutException>(refused);
        await using var huisarts = await Amqp.ConnectAsync(_space.BrokerUriFor(Huisarts));
        Assert.True(huisarts.IsOpen);
    }

    /// <summary>A quorum queue tells publishers it is full a little after the fact, so a few more may be taken first.</summary>
    [Fact]
    public async Task A_full_ingress_refuses_its_partners_publishes_while_another_partner_still_publishes()
    {
        await using var huisarts = await Amqp.ConnectAsync(_space.BrokerUriFor(Huisarts));
        await using var flooding = await huisarts.CreateChannelAsync(Amqp.ConfirmedPublishing);
        Exception? refused = null;
        for (var published = 0; refused is null && published < QueueLength * 20; published++)
        {
            refused = await Record.ExceptionAsync(() => PublishAsync(flooding, Huisarts));
        }

        Assert.IsType<PublishException>(refused);
        await using var school = await Amqp.ConnectAsync(_space.BrokerUriFor(School));
        await using var schoolChannel = await school.CreateChannelAsync(Amqp.ConfirmedPublishing);
        await PublishAsync(schoolChannel, School);
    }

    private Task PublishAsync(IChannel channel, string organisation) =>
        channel.BasicPublishAsync(HubTopology.Ingress(organisation), "", mandatory: false,
            new BasicProperties { UserId = _space.BrokerUser(organisation), Persistent = true }, "{}"u8.ToArray()).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
