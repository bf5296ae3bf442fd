using System.Text.RegularExpressions;
using NetworkHub.Core.Broker;

namespace NetworkHub.Specs.Broker;

/// <summary>The permissions partner provisioning grants name a partner's own ingress and queue and nothing else.</summary>
public sealed class PartnerPermissionSpecs
{
    private readonly BrokerPermissions _school = PartnerBrokerPlan.PermissionsOf("school");

    [Theory]
    [InlineData("hub.ingress.school")]
    [InlineData("partner.school")]
    public void The_school_may_configure_and_write_its_own_ingress_and_queue(string name)
    {
        Assert.Matches(_school.Configure, name);
        Assert.Matches(_school.Write, name);
    }

    [Fact]
    public void The_school_may_read_only_its_own_queue()
    {
        Assert.Matches(_school.Read, "partner.school");
        Assert.DoesNotMatch(_school.Read, "hub.ingress.school");
    }

    [Theory]
    [InlineData("partner.veilig-thuis")]
    [InlineData("hub.ingress.veilig-thuis")]
    [InlineData("partner.school-de-regenboog")]
    [InlineData("hub.ingress.school2")]
    [InlineData("partnerXschool")]
    [InlineData("hub.ingress")]
    [InlineData("hub.events")]
    [InlineData("hub.dead-letter")]
    [InlineData("amq.default")]
    public void The_school_may_do_nothing_with_a_name_that_is_not_its_own(string name)
    {
        foreach (var pattern in new[] { _school.Configure, _school.Write, _school.Read })
        {
            Assert.False(Regex.IsMatch(name, pattern), $"{pattern} matches {name}");
        }
    }
}
