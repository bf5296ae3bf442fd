using MassTransit;
using NetworkHub.Contracts.Topology;

namespace NetworkHub.Client;

/// <summary>Declares hub and partner queues with the agreed arguments (<see cref="HubTopology.QueueArguments"/>).</summary>
public static class HubQueues
{
    public static void Configure(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            return; // the in-memory transport has no queue arguments
        }

        rabbit.SetQuorumQueue();
        foreach (var (name, value) in HubTopology.QueueArguments)
        {
            rabbit.SetQueueArgument(name, value);
        }
    }
}
