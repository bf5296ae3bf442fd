using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Hub;

namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>What every case of the corpus asserts, on whichever hub it runs.</summary>
public static class HostileExpectations
{
    /// <summary>
    /// Publishes the case's input, then has the school send a good signal. Once the good signal has arrived (the hub
    /// takes one message at a time, so the input was wholly handled before it): the sender got one return with the
    /// case's code, or nobody got anything when the sender is unknown; the input is kept byte for byte; nobody got a
    /// delivery of its id; nothing but the good signal reached any organisation other than the school; and the good
    /// signal was delivered exactly once.
    /// </summary>
    public static async Task ExpectAsync(HostileNetwork network, HostileCase @case)
    {
        var poison = await @case.Make(network);
        var sender = @case.ReturnedToSender ? network.Probe(@case.Sender) : null;
        var before = network.Partners.ToDictionary(p => p, p => p.Received.Select(m => m.MessageId).ToHashSet());
        var lastKept = (await network.QuarantineAsync(q => q.OrderByDescending(e => e.Id).Take(1))).SingleOrDefault()?.Id ?? 0;

        await RawPublisherFor(network, @case.From).PublishAsync(poison.Body, withUserId: @case.From != Publisher.SchoolWithoutUserId);
        var good = network.GoodSignal();
        await network.School.Client.SendAsync(good);

        ReturnMessage? returned = null;
        if (sender is not null)
        {
            returned = await sender.WaitForAsync<ReturnMessage>(r => !before[sender].Contains(r.MessageId));
        }

        await network.Wijkteam.WaitForAsync<Signaal>(s => s.MessageId == good.MessageId);
        var kept = await network.QuarantineAsync(q => q.Where(e => e.Id > lastKept));

        // Returned with its code, or, with nobody to return it to, to nobody.
        if (returned is not null)
        {
            Assert.Equal(@case.Code, returned.Code);
            Assert.Equal(poison.MessageId, returned.ReturnedMessageId);
            Assert.Equal("hub", returned.ReturnedBy);
            Assert.False(string.IsNullOrWhiteSpace(returned.Reason));
            if (@case.ReasonMentions is { } mention)
            {
                Assert.Contains(mention, returned.Reason, StringComparison.Ordinal);
            }

            Assert.Single(New<ReturnMessage>(sender!));
        }
        else
        {
            Assert.All(network.Partners, p => Assert.Empty(New<ReturnMessage>(p)));
        }

        // Kept, byte for byte, under the code it was returned with.
        if (@case.Kept)
        {
            var entry = Assert.Single(kept);
            Assert.Equal(@case.Code, entry.Code);
            Assert.Equal(poison.Body, entry.Body);
            if (sender is not null)
            {
                Assert.Equal(sender.Organisation, entry.Sender);
            }
            else
            {
                Assert.DoesNotContain(entry.Sender, network.Partners.Select(p => p.Organisation));
            }
        }
        else
        {
            Assert.Empty(kept);
        }

        // Delivered to nobody: not by its id, and nothing new but the good signal reached anyone other than the school.
        if (poison.MessageId is { } id)
        {
            Assert.All(network.Partners, p => Assert.Equal(p.Organisation == poison.OriginalDeliveredTo ? 1 : 0, p.Deliveries(id)));
        }

        Assert.All(network.Partners.Where(p => p != network.School && p != sender), p =>
            Assert.Equal(p == network.Wijkteam ? [good.MessageId] : Array.Empty<Guid>(), New<HubMessage>(p).Select(m => m.MessageId)));
        Assert.Equal(1, network.Wijkteam.Deliveries(good.MessageId));

        IEnumerable<T> New<T>(PartnerProbe partner) where T : HubMessage =>
            partner.Received.OfType<T>().Where(m => !before[partner].Contains(m.MessageId));
    }

    private static RawPartner RawPublisherFor(HostileNetwork network, Publisher from) => from switch
    {
        Publisher.Huisarts => network.RawHuisarts,
        Publisher.Wijkteam => network.RawWijkteam,
        Publisher.Stranger => network.RawStranger,
        _ => network.RawSchool,
    };
}
