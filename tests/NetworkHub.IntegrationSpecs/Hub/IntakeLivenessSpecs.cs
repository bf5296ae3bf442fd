using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetworkHub.Core.Hosting;
using NetworkHub.Host.Messaging;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>Liveness fails only when a partner's ingress has had no consumer for too long without an outage to explain it.</summary>
public sealed class IntakeLivenessSpecs
{
    private readonly IntakeSwitch _intake = new(null!, new NoLifetime(), Options.Create(new HubOptions { IntakeStallLimit = TimeSpan.Zero }),
        NullLogger<IntakeSwitch>.Instance);

    [Fact]
    public async Task A_partners_ingress_without_a_consumer_past_the_stall_limit_is_not_alive_names_the_queue_and_is_alive_again_once_it_consumes()
    {
        _intake.Expect("hub.ingress.school");
        Assert.True(_intake.Stalled(out var description));
        Assert.Contains("No consumer", description, StringComparison.Ordinal);
        Assert.Contains("hub.ingress.school", description, StringComparison.Ordinal);

        await _intake.Ready(new Ready());
        Assert.False(_intake.Stalled(out _));
    }

    private sealed class Ready : ReceiveEndpointReady
    {
        public Uri InputAddress => new("rabbitmq://localhost/hub.ingress.school");
        public IReceiveEndpoint ReceiveEndpoint => null!;
        public bool IsStarted => true;
    }

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
