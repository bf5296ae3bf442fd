using MassTransit;
using Microsoft.Extensions.Options;
using NetworkHub.Client;
using NetworkHub.Contracts.Topology;
using NetworkHub.Core.Registry;
using NetworkHub.Host.Hosting;

namespace NetworkHub.Host.Messaging;

/// <summary>
/// Gives every registered partner its own ingress endpoint on the running bus (<see cref="HubTopology.Ingress"/>), so
/// the broker serves partners independently and one partner's flood backs up only its own queue. Each endpoint has
/// no MassTransit consumers: its first receive filter hands every delivery to the hub's ingress pipeline (see
/// <see cref="AmqpIngress"/>), so no fault, retry or error-queue machinery of MassTransit applies.
/// Runs after the bus has started and the registry is loaded; <see cref="ConnectAsync"/> also serves a partner
/// registered later.
/// </summary>
public sealed class IngressEndpoints(
    IReceiveEndpointConnector connector, OrganisationRegistry registry, AmqpIngress ingress, IntakeSwitch intake, IOptions<HubOptions> options)
    : IHostedService
{
    private readonly Dictionary<string, HostReceiveEndpointHandle> _connected = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connecting = new(1, 1);

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var organisation in registry.All)
        {
            await ConnectAsync(organisation.Code, ct);
        }
    }

    /// <summary>Connects the partner's ingress endpoint unless it is connected already; the intake check reports when it consumes.</summary>
    public async Task ConnectAsync(string organisation, CancellationToken ct)
    {
        var queue = HubTopology.Ingress(organisation);
        await _connecting.WaitAsync(ct);
        try
        {
            if (_connected.ContainsKey(queue))
            {
                return;
            }

            intake.Expect(queue);
            var handle = connector.ConnectReceiveEndpoint(queue, (_, endpoint) =>
            {
                endpoint.ConfigureConsumeTopology = false;
                HubQueues.Configure(endpoint);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.PrefetchCount = options.Value.IngressPrefetchCount;
                }

                endpoint.ConcurrentMessageLimit = options.Value.IngressConcurrency;
                endpoint.ConfigureReceive(r => r.UseFilter(ingress));
                endpoint.ConnectReceiveEndpointObserver(intake);
            });
            _connected.Add(queue, handle);
        }
        finally
        {
            _connecting.Release();
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask; // the bus stops its endpoints
}
