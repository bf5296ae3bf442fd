using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Client;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Telemetry;
using NetworkHub.IntegrationSpecs.Ledger;
using NetworkHub.Testing;
using OpenTelemetry.Metrics;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hub;

/// <summary>
/// OpenTelemetry on the real broker: one hand-off is one trace from the partner's send, through the hub, to the recipient's
/// receive and back; and what the hub exports or logs never holds a BSN, a name or an address.
/// </summary>
public abstract class TelemetrySpecs(RabbitMqFixture broker, HubDatabase database) : IAsyncLifetime
{
    private const string Bsn = "999990019"; // a test BSN
    private const string Name = "Fatima el Amrani";
    private const string Street = "Kerkstraat 12, 8011 AB Zwolle";
    private const string ChildsReference = "leerling-7731"; // the school's own reference for the child
    private static readonly DateOnly BirthDate = new(2015, 3, 14);
    private static readonly string[] PersonalData = [Bsn, Name, "Kerkstraat", ChildsReference, "2015-03-14", "14-03-2015"];

    private static readonly SubjectReference Pupil = new()
    {
        Role = SubjectRole.Child, Bsn = Bsn, SenderReference = ChildsReference, FamilyReference = "gezin-7731", BirthDate = BirthDate, Address = Street,
    };

    private readonly TelemetryCapture _telemetry = new();
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.CreateAsync(broker.Node, database: database);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task One_hand_off_is_one_trace_from_the_senders_send_through_the_hub_to_the_recipients_receive_and_its_acknowledgement_back()
    {
        await using var hub = await _network.StartHubAsync(_telemetry.AddTo);
        var school = await _network.ConnectAsync(School);
        await _network.ConnectAsync(Wijkteam);
        await GiveConsentAsync(school);

        var signal = Messages.SignalFromSchool(school.Clock);
        await school.Client.SendAsync(signal);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);

        var sent = await _telemetry.WaitForSpanAsync(s => IsClient(s, "send V1.Signaal") && MessageIdOf(s) == signal.MessageId, "the school's send");
        var trace = await _telemetry.WaitForTraceAsync(sent.TraceId,
        [
            "NetworkHub.Client: send V1.Signaal", // the school
            "NetworkHub: receive V1.Signaal", "NetworkHub: route V1.Signaal", "NetworkHub: policy V1.Signaal", "NetworkHub: send V1.Signaal",
            "NetworkHub.Client: receive V1.Signaal", "NetworkHub.Client: send V1.Acknowledgement", // the wijkteam
            "NetworkHub: receive V1.Acknowledgement", "NetworkHub: send V1.Acknowledgement",
            "NetworkHub.Client: receive V1.Acknowledgement", // the school again
        ]);

        // The wijkteam's receive continues the hub's send, which continues the routing that wrote it to the outbox.
        var dispatch = trace.Single(s => s.Source.Name == HubTelemetry.Name && s.DisplayName == "send V1.Signaal");
        var received = trace.Single(s => IsClient(s, "receive V1.Signaal"));
        var routing = trace.Single(s => s.DisplayName == "route V1.Signaal");
        Assert.Equal((dispatch.SpanId, routing.SpanId), (received.ParentSpanId, dispatch.ParentSpanId));
        Assert.Equal(Wijkteam, dispatch.GetTagItem(HubSpans.Recipient));
    }

    [Fact]
    public async Task No_bsn_name_or_address_reaches_a_span_a_metric_label_or_a_log_line()
    {
        await using var hub = await _network.StartHubAsync(_telemetry.AddTo);
        var school = await _network.ConnectAsync(School);
        var huisarts = await _network.ConnectAsync(Huisarts);
        var wijkteam = await _network.ConnectAsync(Wijkteam);
        var veiligThuis = await _network.ConnectAsync(VeiligThuis);

        await SignalAsync(school, wijkteam);
        await HandOverAsync(veiligThuis, wijkteam);
        await InviteToMdoAsync(school, huisarts, wijkteam);
        await QuarantineAsync(school);
        Assert.True(hub.Services.GetRequiredService<MeterProvider>().ForceFlush(), "The hub's metrics were not collected.");

        var exported = Exported().ToArray();
        Assert.Contains(exported, e => e.Where.StartsWith("span NetworkHub: policy V1.MdoUitnodiging", StringComparison.Ordinal));
        Assert.Contains(exported, e => e.Where.StartsWith("metric networkhub.handoffs", StringComparison.Ordinal) && e.Text == "quarantined");
        Assert.Contains(exported, e => e.Where.StartsWith("log ", StringComparison.Ordinal));
        Assert.DoesNotContain(exported, e => PersonalData.Any(value => e.Text.Contains(value, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Every text the hub exported or logged, and where: span names, attributes and events, metric names and labels, log lines and their values.</summary>
    private IEnumerable<(string Where, string Text)> Exported()
    {
        foreach (var span in _telemetry.Spans)
        {
            var where = $"span {span.Source.Name}: {span.DisplayName}";
            yield return (where, span.DisplayName);
            yield return (where, span.TraceStateString ?? "");
            foreach (var tag in span.TagObjects)
            {
                yield return (where, $"{tag.Key}={tag.Value}");
            }

            foreach (var spanEvent in span.Events)
            {
                yield return (where, spanEvent.Name);
                foreach (var tag in spanEvent.Tags)
                {
                    yield return (where, $"{tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var metric in _telemetry.Metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var label in point.Tags)
                {
                    yield return ($"metric {metric.Name} {label.Key}", label.Value?.ToString() ?? "");
                }
            }
        }

        foreach (var (category, message, values) in _telemetry.Logs)
        {
            yield return ($"log {category}", message);
            foreach (var value in values)
            {
                yield return ($"log {category} {value.Key}", value.Value?.ToString() ?? "");
            }
        }
    }

    /// <summary>The school signals the wijkteam about the pupil, under the parents' consent.</summary>
    private async Task SignalAsync(PartnerProbe school, PartnerProbe wijkteam)
    {
        await RegisterAsync(school, Messages.ConsentFromSchool(school.Clock, Wijkteam) with { Subject = Pupil });
        var signal = Messages.SignalFromSchool(school.Clock) with { Subject = Pupil };
        await school.Client.SendAsync(signal);
        await wijkteam.WaitForAsync<Signaal>(s => s.MessageId == signal.MessageId);
        await school.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == signal.MessageId);
    }

    /// <summary>Veilig Thuis hands the child over to the wijkteam, whose contact person accepts it.</summary>
    private async Task HandOverAsync(PartnerProbe veiligThuis, PartnerProbe wijkteam)
    {
        await GiveConsentForHandOverAsync(veiligThuis);
        var offer = HandOverOffer(veiligThuis.Clock);
        await veiligThuis.Client.SendAsync(offer with { Subject = HandOverChild with { Address = Street } });
        await wijkteam.WaitForAsync<WarmeOverdrachtOffered>(o => o.MessageId == offer.MessageId);
        await wijkteam.Client.SendAsync(new WarmeOverdrachtAccepted
        {
            MessageId = Guid.NewGuid(), CorrelationId = offer.CorrelationId, SenderOrganisation = Wijkteam, Recipients = [VeiligThuis],
            Purpose = Purpose.Coordination, CreatedAt = wijkteam.Clock.GetUtcNow(), ContactPerson = Name,
        });
        await veiligThuis.WaitForAsync<WarmeOverdrachtAccepted>(a => a.CorrelationId == offer.CorrelationId);
    }

    /// <summary>School and huisarts signal the child to the index; the wijkteam takes regie and invites both to an MDO; the school sends a delegate.</summary>
    private async Task InviteToMdoAsync(PartnerProbe school, PartnerProbe huisarts, PartnerProbe wijkteam)
    {
        foreach (var partner in new[] { school, huisarts })
        {
            await RegisterAsync(partner, IndexSignal(partner.Clock, partner.Organisation, Bsn, ChildsReference) with
            {
                Subject = Pupil with { SenderReference = partner == school ? ChildsReference : "patient-7731" },
            });
        }

        await school.WaitForAsync<MatchNotification>();
        var consent = Messages.ConsentFromSchool(wijkteam.Clock) with
        {
            SenderOrganisation = Wijkteam, Subject = Pupil, ConsentId = "mdo-toestemming-7731", GrantedBy = [GrantorRole.Parent],
            Scope = new ConsentScope { Purpose = Purpose.DiscussInMdo, OrganisationTypes = [OrganisationType.School, OrganisationType.Huisarts] },
        };
        await RegisterAsync(wijkteam, consent);
        var regie = new RegieAssigned
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School, Huisarts],
            Subject = Pupil, Purpose = Purpose.Coordination, CreatedAt = wijkteam.Clock.GetUtcNow(), Scope = RegieScope.Family,
            RegisseurOrganisation = Wijkteam, RegisseurDisplayName = Name,
        };
        await wijkteam.Client.SendAsync(regie);
        await school.WaitForAsync<RegieAssigned>(r => r.MessageId == regie.MessageId);

        var invitation = new MdoUitnodiging
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = Wijkteam, Recipients = [School, Huisarts], Subject = Pupil,
            Purpose = Purpose.DiscussInMdo, LegalBasis = Grondslag.Toestemming, ConsentReference = consent.ConsentId, CreatedAt = wijkteam.Clock.GetUtcNow(),
            MdoId = Guid.NewGuid(), MeetingPurpose = "Gezamenlijk plan na signalen van school en huisarts", ProposedTimes = [wijkteam.Clock.GetUtcNow().AddDays(7)],
            Invitees = [School, Huisarts], FamilyInvitees = [new SubjectReference { Role = SubjectRole.Parent, SenderReference = "ouder-7731" }],
            Sharing = [new PlannedSharing { Content = SectionKind.Plan, Description = "Het gezinsplan", LegalBasis = Grondslag.Toestemming, ConsentReference = consent.ConsentId }],
            RsvpDeadline = wijkteam.Clock.GetUtcNow().AddDays(5),
        };
        await wijkteam.Client.SendAsync(invitation);
        await school.WaitForAsync<MdoUitnodiging>(i => i.MdoId == invitation.MdoId);
        await school.Client.SendAsync(new MdoAnswer
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = School, Recipients = [Wijkteam], Purpose = Purpose.Coordination,
            CreatedAt = school.Clock.GetUtcNow(), MdoId = invitation.MdoId, Response = MdoResponse.Delegate, DelegateName = Name,
        });
        await wijkteam.WaitForAsync<MdoAnswer>(a => a.MdoId == invitation.MdoId);
    }

    /// <summary>Two messages the hub keeps in quarantine: one for an organisation it does not know, one of a contract it does not know.</summary>
    private async Task QuarantineAsync(PartnerProbe school)
    {
        var lost = Messages.SignalFromSchool(school.Clock, to: "onbekende-organisatie") with { Subject = Pupil };
        await school.Client.SendAsync(lost);
        await school.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == lost.MessageId);

        await using var raw = await RawPartner.ConnectAsync(_network.BrokerUriFor(School), School);
        await raw.PublishAsync(RawPartner.Envelope("urn:message:Elders:Leerlingdossier",
            new JsonObject { ["bsn"] = Bsn, ["naam"] = Name, ["adres"] = Street, ["geboortedatum"] = "2015-03-14" }));
        await school.WaitForAsync<ReturnMessage>(r => r.Code == ReturnCode.UnknownContract);
    }

    private static bool IsClient(Activity span, string name) => span.Source.Name == HubClientTelemetry.SourceName && span.DisplayName == name;

    private static Guid? MessageIdOf(Activity span) => Guid.TryParse(span.GetTagItem(HubSpans.MessageId) as string, out var id) ? id : null;
}

[Collection(RabbitMqFixture.Collection)]
public sealed class Telemetry_on_sqlite(RabbitMqFixture broker) : TelemetrySpecs(broker, HubDatabase.Sqlite);

[Collection(RabbitMqFixture.Collection)]
public sealed class Telemetry_on_postgresql(RabbitMqFixture broker, PostgresFixture postgres) : TelemetrySpecs(broker, HubDatabase.PostgreSql(postgres));
