using System.Security.Cryptography;
using NetworkHub.Contracts.Topology;

namespace NetworkHub.Core.Broker;

/// <summary>What provisioning did for one partner; <see cref="NewPassword"/> is set only when it created or rotated the user.</summary>
public sealed record PartnerProvisioned(BrokerPartner Partner, PartnerUserChange Change, string? NewPassword, int ConnectionsClosed);

public enum PartnerUserChange
{
    /// <summary>The user existed; its password was left alone.</summary>
    Unchanged,

    /// <summary>The user did not exist and was created with a new password.</summary>
    Created,

    /// <summary>The user got a new password and its open connections were closed.</summary>
    Rotated,

    /// <summary>The user does not exist and creating users was not allowed (the hub's start-up provisioning).</summary>
    Missing,

    /// <summary>The partner's permissions were withdrawn and its connections closed.</summary>
    Disabled,

    /// <summary>The user exists without permissions in the hub's virtual host (disabled earlier); left so until enabled.</summary>
    StaysDisabled,
}

/// <summary>What an operator asks of one provisioning run besides bringing everything to the plan.</summary>
public sealed record ProvisioningRequests
{
    /// <summary>Partners (by code) whose user gets a new password now; their open connections are closed.</summary>
    public IReadOnlySet<string> Rotate { get; init; } = new HashSet<string>();

    /// <summary>Partners (by code) whose permissions are withdrawn now and whose connections are closed.</summary>
    public IReadOnlySet<string> Disable { get; init; } = new HashSet<string>();

    /// <summary>Disabled partners (by code) to give their permissions back.</summary>
    public IReadOnlySet<string> Enable { get; init; } = new HashSet<string>();

    /// <summary>False at the hub's start: a missing user is reported, not created (nobody would see its password).</summary>
    public bool CreateUsers { get; init; } = true;
}

/// <summary>
/// Brings the broker to a <see cref="PartnerBrokerPlan"/> through the management API, idempotently: running it twice
/// changes nothing, and an existing partner's password is never reset unless a rotation is asked for. New passwords
/// are returned to the caller once (to print), never logged. Used by <c>networkhub partners provision</c> and, on
/// request, by the hub at start-up.
/// </summary>
public sealed class PartnerProvisioning(BrokerManagementApi api)
{
    public async Task<IReadOnlyList<PartnerProvisioned>> ApplyAsync(PartnerBrokerPlan plan, ProvisioningRequests requests, CancellationToken ct)
    {
        var vhost = plan.VirtualHost;
        await api.PutFanoutExchangeAsync(vhost, HubTopology.DeadLetterExchange, ct);
        await api.PutQueueAsync(vhost, HubTopology.DeadLetterQueue, new Dictionary<string, object> { ["x-queue-type"] = "quorum" }, ct);
        await api.BindAsync(vhost, HubTopology.DeadLetterExchange, HubTopology.DeadLetterQueue, ct);
        await api.PutQueuePolicyAsync(vhost, plan.QueuePolicy, ct);
        foreach (var queue in plan.Queues)
        {
            await api.PutQueueAsync(vhost, queue, plan.QueueArguments, ct);
            await api.PutFanoutExchangeAsync(vhost, queue, ct);
            await api.BindAsync(vhost, queue, queue, ct);
        }

        var results = new List<PartnerProvisioned>();
        foreach (var partner in plan.Partners)
        {
            results.Add(await ApplyAsync(plan, partner, requests, ct));
        }

        return results;
    }

    /// <summary>
    /// A disabled partner is one whose user has no permissions in the hub's virtual host: the state lives on the broker,
    /// so a later run (or the hub's start) does not enable it again by accident; only <see cref="ProvisioningRequests.Enable"/> does.
    /// </summary>
    private async Task<PartnerProvisioned> ApplyAsync(PartnerBrokerPlan plan, BrokerPartner partner, ProvisioningRequests requests, CancellationToken ct)
    {
        var exists = await api.UserExistsAsync(partner.User, ct);
        if (requests.Disable.Contains(partner.Code))
        {
            await api.DeletePermissionsAsync(plan.VirtualHost, partner.User, ct);
            var closed = exists ? await api.CloseConnectionsOfAsync(partner.User, "partner disabled by the hub's operators", ct) : 0;
            return new PartnerProvisioned(partner, PartnerUserChange.Disabled, null, closed);
        }

        if (!exists && !requests.CreateUsers)
        {
            return new PartnerProvisioned(partner, PartnerUserChange.Missing, null, 0);
        }

        if (exists && !requests.Enable.Contains(partner.Code) && !await api.HasPermissionsAsync(plan.VirtualHost, partner.User, ct))
        {
            return new PartnerProvisioned(partner, PartnerUserChange.StaysDisabled, null, 0);
        }

        string? password = null;
        var change = PartnerUserChange.Unchanged;
        if (!exists || requests.Rotate.Contains(partner.Code))
        {
            password = NewPassword();
            await api.PutUserAsync(partner.User, password, ct);
            change = exists ? PartnerUserChange.Rotated : PartnerUserChange.Created;
        }

        await api.PutPermissionsAsync(plan.VirtualHost, partner.User, PartnerBrokerPlan.PermissionsOf(partner.Code), ct);
        foreach (var (limit, value) in plan.UserLimits)
        {
            await api.PutUserLimitAsync(partner.User, limit, value, ct);
        }

        // A new password does not end sessions opened with the old one: close them, so the rotation holds at once.
        var closedAfterRotation = change == PartnerUserChange.Rotated
            ? await api.CloseConnectionsOfAsync(partner.User, "credential rotated by the hub's operators", ct)
            : 0;
        return new PartnerProvisioned(partner, change, password, closedAfterRotation);
    }

    /// <summary>32 random bytes, URL-safe base64: safe in an amqp:// URI without escaping.</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
