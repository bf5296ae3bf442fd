using System.Collections.Concurrent;
using NetworkHub.Client;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Hub;
using RabbitMQ.Client;

namespace NetworkHub.IntegrationSpecs.Broker;

/// <summary>
/// A partner's application sees only what the hub sent: a "hub" message that reaches the partner's queue from any
/// other broker user (an account left behind with too many permissions, say) is rejected by HubClient and reported,
/// never handed to the application.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ForgedDeliverySpecs(RabbitMqFixture broker) : IAsyncLifetime
{
    private const string VeiligThuis = "veilig-thuis";
    private readonly ConcurrentDictionary<Guid, byte> _handled = new();
    private readonly ConcurrentQueue<RejectedDelivery> _rejected = new();
    private readonly TaskCompletionSource _genuineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _twoRejected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Guid _genuine = Guid.NewGuid();
    private HubBrokerSpace _space = null!;
    private HubClient _client = null!;

    public async Task InitializeAsync()
    {
        _space = await HubBrokerSpace.CreateAsync(broker.Node, Amqp.UniqueName("forged"), [new TestOrganisation(VeiligThuis, "Veilig Thuis", OrganisationType.VeiligThuis)]);
        _client = await HubClient.ConnectAsync(new HubClientOptions
        {
            Organisation = VeiligThuis,
            BrokerUri = _space.BrokerUriFor(VeiligThuis),
            HubBrokerUser = _space.BrokerUser("hub"),
            OnRejected = rejected =>
            {
                _rejected.Enqueue(rejected);
                if (_rejected.Count == 2)
                {
                    _twoRejected.TrySetResult();
                }
            },
        }, (message, _) =>
        {
            _handled.TryAdd(message.MessageId, 0);
            if (message.MessageId == _genuine)
            {
                _genuineArrived.TrySetResult();
            }

            return Task.FromResult(DeliveryOutcome.Accepted);
        });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _space.DeleteAsync();
    }

    [Fact]
    public async Task A_match_notification_published_by_another_user_is_reported_and_never_reaches_the_application_while_the_hubs_own_does()
    {
        var forgedWithItsUser = Guid.NewGuid();
        var forgedWithoutUser = Guid.NewGuid();
        await using (var forger = await Amqp.ConnectAsync(await _space.AddUnregisteredUserAsync("left-behind")))
        await using (var channel = await forger.CreateChannelAsync(Amqp.ConfirmedPublishing))
        {
            await PublishAsync(channel, Notification(forgedWithItsUser), _space.BrokerUser("left-behind"));
            await PublishAsync(channel, Notification(forgedWithoutUser), userId: null);
        }

        await using (var hub = await Amqp.ConnectAsync(_space.BrokerUriFor("hub")))
        await using (var channel = await hub.CreateChannelAsync(Amqp.ConfirmedPublishing))
        {
            await PublishAsync(channel, Notification(_genuine), _space.BrokerUser("hub"));
        }

        await _genuineArrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await _twoRejected.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([_genuine], _handled.Keys);
        Assert.Equal(
            [(forgedWithItsUser.ToString(), (string?)_space.BrokerUser("left-behind")), (forgedWithoutUser.ToString(), null)],
            _rejected.Select(r => (r.MessageId!, r.UserId)).OrderBy(r => r.UserId is null));
    }

    private static MatchNotification Notification(Guid id) => new()
    {
        MessageId = id,
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = HubTopology.HubOrganisation,
        Recipients = [VeiligThuis],
        Purpose = Purpose.Coordination,
        CreatedAt = DateTimeOffset.UtcNow,
        MatchId = Guid.NewGuid(),
        InvolvedOrganisations = ["school"],
        MatchedSubject = new SubjectReference { Role = SubjectRole.Child, SenderReference = "leerling-17" },
    };

    private static Task PublishAsync(IChannel channel, MatchNotification message, string? userId) =>
        channel.BasicPublishAsync(HubTopology.PartnerQueue(VeiligThuis), "", mandatory: true, new BasicProperties
        {
            UserId = userId,
            MessageId = message.MessageId.ToString(),
            ContentType = "application/vnd.masstransit+json",
            Persistent = true,
        }, RawPartner.Envelope(message)).AsTask();
}
