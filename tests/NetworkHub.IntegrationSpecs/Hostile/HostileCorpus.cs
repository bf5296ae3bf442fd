using System.Text;
using System.Text.Json.Nodes;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.IntegrationSpecs.Ledger;
using static NetworkHub.IntegrationSpecs.Hub.TestNetwork;

namespace NetworkHub.IntegrationSpecs.Hostile;

/// <summary>Who puts a piece of hostile input on the hub's ingress.</summary>
public enum Publisher
{
    /// <summary>The school, as its own broker user.</summary>
    School,

    /// <summary>The huisarts, as its own broker user.</summary>
    Huisarts,

    /// <summary>The wijkteam, as its own broker user: for what only an organisation that can hold regie may send.</summary>
    Wijkteam,

    /// <summary>A broker user no organisation is registered to: nobody to return anything to.</summary>
    Stranger,

    /// <summary>The school's connection, leaving out the AMQP user-id: the hub cannot tell who sent it.</summary>
    SchoolWithoutUserId,
}

/// <summary>
/// One piece of hostile input: what it is, who publishes it and what the hub must answer. When its sender is known
/// the hub returns it with <see cref="Code"/>; otherwise it only keeps it in quarantine with that code.
/// </summary>
public sealed record HostileCase(string Name, ReturnCode Code, Func<HostileNetwork, Task<Poison>> Make)
{
    public Publisher From { get; init; } = Publisher.School;

    /// <summary>Words the hub's reason must contain, so the input is refused for the reason the case is about.</summary>
    public string? ReasonMentions { get; init; }

    /// <summary>
    /// Whether the hub keeps the input in quarantine. It keeps everything it refuses, except an answer (an
    /// acknowledgement) that names no hand-off of its sender: that is returned, and nothing else happens.
    /// </summary>
    public bool Kept { get; init; } = true;

    public bool ReturnedToSender => From is Publisher.School or Publisher.Huisarts or Publisher.Wijkteam;

    public string Sender => From switch
    {
        Publisher.Huisarts => Huisarts,
        Publisher.Wijkteam => Wijkteam,
        _ => School,
    };

    public override string ToString() => Name;
}

/// <summary>
/// The bytes to publish, the message id the hub can read from them (null when it cannot: not JSON, or no id where it
/// belongs) and who rightly had that id delivered before.
/// </summary>
public sealed record Poison(byte[] Body, Guid? MessageId)
{
    /// <summary>For a replayed id: the organisation the original was delivered to, once.</summary>
    public string? OriginalDeliveredTo { get; init; }
}

/// <summary>The hand-written part of the hostile-input corpus; <see cref="ContractSkeletons"/> generates the rest.</summary>
public static class HostileCorpus
{
    private static readonly string SignalUrn = RawPartner.UrnOf(typeof(Signaal));

    /// <summary>Contracts only the hub originates (its own alerts, reminders, matches and deletion requests), which no partner may send.</summary>
    public static IReadOnlyList<Type> HubOnlyContracts { get; } =
    [
        typeof(MatchNotification), typeof(AcknowledgementOverdue), typeof(RegieConflict), typeof(RegieMissing), typeof(DeletionRequested),
        typeof(WarmeOverdrachtReminder), typeof(WarmeOverdrachtEscalated), typeof(MdoReminder), typeof(EvaluationOverdue), typeof(CaseStale),
    ];

    public static IReadOnlyList<HostileCase> HandWritten { get; } =
    [
        // Not JSON
        Case("not json at all", ReturnCode.MalformedMessage, _ => Raw("<melding>geen json</melding>")),
        Case("an empty body", ReturnCode.MalformedMessage, _ => Task.FromResult(new Poison([], null))),
        Case("a body of nothing but whitespace", ReturnCode.MalformedMessage, _ => Raw(" \r\n\t ")),
        Case("the JSON literal null", ReturnCode.MalformedMessage, _ => Raw("null")),
        Case("a JSON number", ReturnCode.MalformedMessage, _ => Raw("42")),
        Case("a JSON string", ReturnCode.MalformedMessage, _ => Raw("\"zorgen over thuissituatie\"")),
        Case("an envelope cut off halfway", ReturnCode.MalformedMessage, n =>
        {
            var body = RawPartner.Envelope(Signal(n));
            return Task.FromResult(new Poison(body[..(body.Length / 2)], null));
        }),
        Case("an envelope followed by a second one", ReturnCode.MalformedMessage, n =>
        {
            var signal = Signal(n);
            return Task.FromResult(new Poison([.. RawPartner.Envelope(signal), .. RawPartner.Envelope(Signal(n))], null));
        }),
        Case("an envelope with a comment in it", ReturnCode.MalformedMessage, n => Unreadable(Spliced(Signal(n), "{", "{/* van de school */"))),
        Case("an envelope in single quotes", ReturnCode.MalformedMessage, n =>
            Task.FromResult(new Poison(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(RawPartner.Envelope(Signal(n))).Replace('"', '\'')), null))),
        Case("random bytes", ReturnCode.MalformedMessage, _ => Task.FromResult(new Poison([.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 256))], null))),
        Case("a gzip-compressed envelope", ReturnCode.MalformedMessage, n => Task.FromResult(new Poison(Gzip(RawPartner.Envelope(Signal(n))), null))),

        // Invalid UTF-8 and other text encodings
        Case("a signal whose category holds a byte that is not UTF-8", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "thuissituatie", [0x74, 0xFF, 0x75])),
        Case("a signal whose category holds a stray continuation byte", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "thuissituatie", [0x74, 0x80, 0x75])),
        Case("a signal whose category holds an overlong encoding of a slash", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "thuissituatie", [0xC0, 0xAF])),
        Case("a signal whose category ends in half a character", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "thuissituatie", [0x74, 0xE2, 0x82])),
        Case("a signal whose category holds an escaped lone surrogate", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "thuissituatie", "thuis\\ud800situatie")),
        Case("a signal with a property name that is not UTF-8", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "\"urgency\"", [0x22, 0x75, 0xFE, 0x22])),
        Case("an envelope whose message type is not UTF-8", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "V1:Signaal", [0x56, 0x31, 0x3A, 0xC3, 0x28])),
        Case("an envelope whose message type holds a NUL character", ReturnCode.UnknownContract, n =>
            Envelope("urn:message:NetworkHub.Contracts.V1:Sig\u0000naal", Json(Signal(n)))),
        Case("a signal whose category holds a NUL character", ReturnCode.MalformedMessage, n => Changed(Signal(n) with { Category = "zorgen\u0000" }), "'category'"),
        Case("a signal naming its sender with a NUL character", ReturnCode.MalformedMessage, n => Changed(Signal(n) with { SenderOrganisation = School + "\u0000" }),
            "'senderOrganisation'"),
        Case("a signal to an organisation whose code holds a NUL character", ReturnCode.MalformedMessage, n =>
            Changed(Signal(n) with { Recipients = ["onbekend\u0000"] }), "'recipients[0]'"),
        Case("a consent whose id holds a NUL character", ReturnCode.MalformedMessage, n =>
            Changed(Messages.ConsentFromSchool(n.Clock, Wijkteam) with { ConsentId = "toestemming\u0000" }), "'consentId'"),
        Case("an envelope in UTF-16", ReturnCode.MalformedMessage, n =>
        {
            var signal = Signal(n);
            var text = Encoding.UTF8.GetString(RawPartner.Envelope(signal));
            return Task.FromResult(new Poison([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], null));
        }),
        Case("an envelope behind a UTF-8 byte order mark", ReturnCode.MalformedMessage, n =>
        {
            var signal = Signal(n);
            return Task.FromResult(new Poison([.. Encoding.UTF8.GetPreamble(), .. RawPartner.Envelope(signal)], null));
        }),

        // Wrong JSON types
        Case("a signal whose message id is a number", ReturnCode.MalformedMessage, n => Unreadable(Changed(Signal(n), json => json["messageId"] = 12345)), "messageId"),
        Case("a signal whose message id is not a GUID", ReturnCode.MalformedMessage, n => Unreadable(Changed(Signal(n), json => json["messageId"] = "bericht-1")), "messageId"),
        Case("a signal whose recipients are a single string", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["recipients"] = Wijkteam), "recipients"),
        Case("a signal whose recipients are numbers", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["recipients"] = new JsonArray(1, 2)), "recipients"),
        Case("a signal whose urgency is a word its contract does not define", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["urgency"] = "Dringend"), "urgency"),
        Case("a signal whose family-informed flag is the text ja", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["familyInformed"] = "ja"), "familyInformed"),
        Case("a signal whose creation time is a number", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["createdAt"] = 1732348800), "createdAt"),
        Case("a signal dated the thirtieth of February", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["createdAt"] = "2026-02-30T10:00:00+01:00"), "createdAt"),
        Case("a signal whose expiry lies beyond the last representable moment", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["expiresAt"] = "9999-12-31T23:59:59-14:00"), "expiresAt"),
        Case("a signal whose subject is a list", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["subject"] = new JsonArray(1)), "subject"),
        Case("a signal whose category is an object", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["category"] = new JsonObject { ["tekst"] = "zorgen" }), "category"),
        Case("a signal whose purpose is a fraction", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["purpose"] = 2.5), "purpose"),
        Case("a signal whose urgency is larger than any number", ReturnCode.MalformedMessage, n => Spliced(Signal(n), "\"urgency\":1", "\"urgency\":1e400"), "urgency"),
        Case("a signal whose life domains are an object", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["leefgebieden"] = new JsonObject()), "leefgebieden"),
        Case("an acknowledgement whose acknowledged id is empty text", ReturnCode.MalformedMessage, n =>
            Changed(Messages.AcknowledgementOf(n.Clock, Signal(n), School), json => json["acknowledgedMessageId"] = ""), "acknowledgedMessageId"),
        Case("a consent whose grantors are a number, not a list", ReturnCode.MalformedMessage, n =>
            Changed(Messages.ConsentFromSchool(n.Clock, Wijkteam), json => json["grantedBy"] = 1), "grantedBy"),

        // Values an enumeration does not define
        Case("a signal with an urgency its contract does not define", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["urgency"] = 999), "'urgency'"),
        Case("a signal whose urgency is the text 999", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["urgency"] = "999"), "urgency"),
        Case("a signal whose purpose is zero", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["purpose"] = 0), "'purpose'"),
        Case("a signal whose purpose is negative", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["purpose"] = -1), "'purpose'"),
        Case("a signal with a legal basis its contract does not define", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["legalBasis"] = 42), "'legalBasis'"),
        Case("a signal whose subject has a role its contract does not define", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["subject"]!["role"] = 7), "'subject.role'"),
        Case("a signal with a life domain its contract does not define", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["leefgebieden"] = new JsonArray(1, 99)), "'leefgebieden[1]'"),
        Case("a consent for an organisation type that does not exist", ReturnCode.MalformedMessage, n =>
            Changed(Messages.ConsentFromSchool(n.Clock, Wijkteam), json => json["scope"]!["organisationTypes"] = new JsonArray(500)), "'scope.organisationTypes[0]'"),
        Case("a return message with a code that does not exist", ReturnCode.MalformedMessage, n =>
            Changed(ReturnOf(n, Guid.NewGuid()), json => json["code"] = 999), "'code'"),

        // Deep nesting
        Case("a signal carrying 65 levels of nested objects", ReturnCode.MalformedMessage, n =>
            Unreadable(Spliced(Signal(n), "\"category\":", $"\"bijlage\":{string.Concat(Enumerable.Repeat("{\"a\":", 65))}1{new string('}', 65)},\"category\":"))),
        Case("a signal carrying a thousand levels of nested lists", ReturnCode.MalformedMessage, n =>
            Unreadable(Spliced(Signal(n), "\"category\":", $"\"bijlage\":{new string('[', 1000)}{new string(']', 1000)},\"category\":"))),
        Case("a signal whose subject nests lists 70 levels deep", ReturnCode.MalformedMessage, n =>
            Unreadable(Spliced(Signal(n), "\"role\":", $"\"extra\":{new string('[', 70)}{new string(']', 70)},\"role\":"))),
        Case("a thousand unclosed lists", ReturnCode.MalformedMessage, _ => Raw(new string('[', 1000))),

        // Oversize
        Case("a signal larger than the hub accepts", ReturnCode.PayloadTooLarge, n => Changed(Signal(n), json => json["category"] = new string('x', 8000))),
        Case("a signal one byte over the limit", ReturnCode.PayloadTooLarge, n => Task.FromResult(OneByteOver(Signal(n)))),
        Case("a megabyte of the letter x", ReturnCode.PayloadTooLarge, _ => Task.FromResult(new Poison(Enumerable.Repeat((byte)'x', 1 << 20).ToArray(), null))),
        Case("an unknown contract larger than the hub accepts", ReturnCode.PayloadTooLarge, n =>
            Envelope("urn:message:NetworkHub.Contracts.V1:Huisbezoek", Json(Signal(n), json => json["verslag"] = new string('x', 5000)))),

        // Unknown contracts
        Case("a contract the hub does not know", ReturnCode.UnknownContract, n => Envelope("urn:message:NetworkHub.Contracts.V1:Huisbezoek", Json(Signal(n)))),
        Case("the abstract base of every contract", ReturnCode.UnknownContract, n => Envelope("urn:message:NetworkHub.Contracts.V1:HubMessage", Json(Signal(n)))),
        Case("a record of the contracts that is not a message", ReturnCode.UnknownContract, n => Envelope("urn:message:NetworkHub.Contracts.V1:SubjectReference", Json(Signal(n)))),
        Case("a signal typed as a second version that does not exist", ReturnCode.UnknownContract, n => Envelope("urn:message:NetworkHub.Contracts.V2:Signaal", Json(Signal(n)))),
        Case("a signal typed in lower case", ReturnCode.UnknownContract, n => Envelope("urn:message:networkhub.contracts.v1:signaal", Json(Signal(n)))),
        Case("a signal typed as MassTransit's fault of a signal", ReturnCode.UnknownContract, n => Envelope("urn:message:MassTransit:Fault[[NetworkHub.Contracts.V1:Signaal]]", Json(Signal(n)))),
        Case("a signal typed as a .NET string", ReturnCode.UnknownContract, n => Envelope("urn:message:System:String", Json(Signal(n)))),
        Case("an envelope without a message type", ReturnCode.UnknownContract, n => Envelope(null, Json(Signal(n)))),
        Case("an envelope whose message type is a string, not a list", ReturnCode.UnknownContract, n => Envelope(null, Json(Signal(n)), envelope => envelope["messageType"] = SignalUrn)),
        Case("an envelope with an empty list of message types", ReturnCode.UnknownContract, n => Envelope(null, Json(Signal(n)), envelope => envelope["messageType"] = new JsonArray())),
        Case("an envelope whose message types are a null and a number", ReturnCode.UnknownContract, n =>
            Envelope(null, Json(Signal(n)), envelope => envelope["messageType"] = new JsonArray(null, 42))),

        // Envelopes without a message
        Case("an envelope without a message", ReturnCode.MalformedMessage, _ => Envelope(SignalUrn, null)),
        Case("an envelope whose message is null", ReturnCode.MalformedMessage, _ => Envelope(SignalUrn, null, envelope => envelope["message"] = null)),
        Case("an envelope whose message is text", ReturnCode.MalformedMessage, _ => Envelope(SignalUrn, null, envelope => envelope["message"] = "zorgen over thuissituatie")),
        Case("an envelope whose message is a list", ReturnCode.MalformedMessage, n => Envelope(SignalUrn, null, envelope => envelope["message"] = new JsonArray(Json(Signal(n))))),
        Case("an envelope whose message is an empty object", ReturnCode.MalformedMessage, _ => Envelope(SignalUrn, new JsonObject())),
        Case("an envelope whose message is spelled with a capital", ReturnCode.MalformedMessage, n => Envelope(SignalUrn, null, envelope => envelope["Message"] = Json(Signal(n)))),
        Case("a bare signal without MassTransit's envelope", ReturnCode.MalformedMessage, n =>
        {
            var signal = Signal(n);
            return Task.FromResult(new Poison(Encoding.UTF8.GetBytes(Json(signal).ToJsonString()), signal.MessageId));
        }),

        // Nulls the generated corpus does not reach
        Case("a signal whose recipients hold a null", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["recipients"] = new JsonArray(Wijkteam, null)), "'recipients[1]'"),
        Case("a signal whose family members hold a null", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json["familyMembers"] = new JsonArray((JsonNode?)null)), "'familyMembers[0]'"),
        Case("a signal missing its required category", ReturnCode.MalformedMessage, n => Changed(Signal(n), json => json.Remove("category"))),

        // Forged senders
        Case("a signal naming another organisation as its sender", ReturnCode.SenderMismatch, n => Changed(Signal(n) with { SenderOrganisation = Huisarts })),
        Case("a signal naming the hub as its sender", ReturnCode.SenderMismatch, n => Changed(Signal(n) with { SenderOrganisation = HubTopology.HubOrganisation })),
        Case("a signal naming its sender in capitals", ReturnCode.SenderMismatch, n => Changed(Signal(n) with { SenderOrganisation = School.ToUpperInvariant() })),
        Case("a signal naming its sender with a trailing space", ReturnCode.SenderMismatch, n => Changed(Signal(n) with { SenderOrganisation = School + " " })),
        Case("a signal naming an organisation that does not exist as its sender", ReturnCode.SenderMismatch, n => Changed(Signal(n) with { SenderOrganisation = "jeugdzorg-nergens" })),
        Case("a signal naming nobody as its sender", ReturnCode.SenderMismatch, n => Changed(Signal(n) with { SenderOrganisation = "" })),
        Case("a signal naming its sender twice, the second time another organisation", ReturnCode.SenderMismatch, n =>
            Spliced(Signal(n), "\"recipients\":", $"\"senderOrganisation\":\"{Huisarts}\",\"recipients\":")),
        Case("an acknowledgement made out in the wijkteam's name", ReturnCode.SenderMismatch, n => Changed(Messages.AcknowledgementOf(n.Clock, Signal(n), Wijkteam))),
        Case("a consent recorded in the huisarts's name", ReturnCode.SenderMismatch, n => Changed(Messages.ConsentFromSchool(n.Clock, Wijkteam) with { SenderOrganisation = Huisarts })),
        Case("a withdrawal of the school's consent, by its id, from the huisarts", ReturnCode.UnknownConsent, n =>
            Changed(Messages.ConsentWithdrawnBySchool(n.Clock, Wijkteam) with { SenderOrganisation = Huisarts })) with { From = Publisher.Huisarts, Kept = false },
        Case("a return message made out in the wijkteam's name", ReturnCode.SenderMismatch, n => Changed(ReturnOf(n, Guid.NewGuid()) with { SenderOrganisation = Wijkteam })),
        Case("a signal from the huisarts's connection naming the school as its sender", ReturnCode.SenderMismatch, n => Changed(Signal(n))) with { From = Publisher.Huisarts },
        Case("an acknowledgement from the school of a signal that went to the wijkteam", ReturnCode.UnknownHandOff, async n =>
        {
            var signal = Signal(n);
            await n.DeliverAsync(signal);
            return await Changed(Messages.AcknowledgementOf(n.Clock, signal, School));
        }) with { Kept = false },

        // Rules of routing
        Case("a signal to an unregistered organisation", ReturnCode.UnknownRecipient, n => Changed(Signal(n) with { Recipients = ["onbekende-organisatie"] })),
        Case("a signal to an unregistered organisation about a child the huisarts signalled", ReturnCode.UnknownRecipient, async n =>
        {
            var child = new SubjectReference { Role = SubjectRole.Child, Bsn = "999990019", SenderReference = "patient-0019" };
            var huisarts = Messages.SignalFromSchool(n.Clock) with
            {
                SenderOrganisation = Huisarts, Recipients = [], Subject = child, LegalBasis = null, ConsentReference = null,
            };
            await n.Huisarts.Client.SendAsync(huisarts); // for the hub's index only
            await n.Huisarts.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == huisarts.MessageId);
            return await Changed(Signal(n) with { Recipients = ["onbekende-organisatie"], Subject = child with { SenderReference = "leerling-0019" } });
        }),
        Case("a signal to the hub itself and the wijkteam", ReturnCode.UnknownRecipient, n => Changed(Signal(n) with { Recipients = [HubTopology.HubOrganisation, Wijkteam] })),
        Case("a terugkoppeling naming no recipient", ReturnCode.UnknownRecipient, n => Changed(Terugkoppeling(n) with { Recipients = [] })),
        Case("a regie claim from the school, which cannot hold regie", ReturnCode.MessageTypeNotAllowed, n => Changed(new RegieAssigned
        {
            MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid(), SenderOrganisation = School, Recipients = [Wijkteam],
            Subject = Signal(n).Subject, Purpose = Purpose.Coordination, CreatedAt = n.Clock.GetUtcNow().AddSeconds(-1),
            Scope = RegieScope.Child, RegisseurOrganisation = School,
        }), reasonMentions: "the sender is a School"),
        Case("a signal whose message id is empty", ReturnCode.DomainRuleViolated, n => Changed(Signal(n) with { MessageId = Guid.Empty })),
        Case("a signal dated an hour ahead", ReturnCode.DomainRuleViolated, n => Changed(Signal(n) with { CreatedAt = n.Clock.GetUtcNow().AddHours(1) })),
        Case("a return message that names no returned message", ReturnCode.MalformedMessage, n => Changed(ReturnOf(n, null))),
        Case("an acknowledgement of a message that was never sent", ReturnCode.UnknownHandOff, n => Changed(Messages.AcknowledgementOf(n.Clock, Signal(n), School))) with { Kept = false },

        // Replayed ids with other content
        Case("a signal replaying the id of a delivered signal with another category", ReturnCode.Duplicate, async n =>
        {
            var original = Signal(n);
            await n.DeliverAsync(original);
            return await Changed(original with { Category = "een ander verhaal" }) with { OriginalDeliveredTo = Wijkteam };
        }),
        Case("a consent replaying the id of a delivered signal", ReturnCode.Duplicate, async n =>
        {
            var original = Signal(n);
            await n.DeliverAsync(original);
            return await Changed(Messages.ConsentFromSchool(n.Clock, Wijkteam) with { MessageId = original.MessageId }) with { OriginalDeliveredTo = Wijkteam };
        }),
        Case("a signal from the huisarts replaying the id of the school's delivered signal", ReturnCode.Duplicate, async n =>
        {
            var original = Signal(n);
            await n.DeliverAsync(original);
            return await Changed(original with { SenderOrganisation = Huisarts }) with { OriginalDeliveredTo = Wijkteam };
        }) with { From = Publisher.Huisarts },
        Case("a signal replaying the id of the wijkteam's acknowledgement", ReturnCode.Duplicate, async n =>
        {
            var original = Signal(n);
            await n.DeliverAsync(original);
            var ack = await n.School.WaitForAsync<Acknowledgement>(a => a.AcknowledgedMessageId == original.MessageId);
            return await Changed(Signal(n) with { MessageId = ack.MessageId }) with { OriginalDeliveredTo = School };
        }),
        Case("a corrected signal replaying the id of a signal that was returned", ReturnCode.Duplicate, async n =>
        {
            var forged = Signal(n) with { SenderOrganisation = Huisarts };
            await n.RawSchool.PublishAsync(RawPartner.Envelope(forged));
            await n.School.WaitForAsync<ReturnMessage>(r => r.ReturnedMessageId == forged.MessageId);
            return await Changed(forged with { SenderOrganisation = School });
        }),

        // Nobody to return it to: kept in quarantine only
        Case("a signal from a broker user no organisation is registered to", ReturnCode.UnknownSender, n => Changed(Signal(n))) with { From = Publisher.Stranger },
        Case("a signal naming the school from a broker user no organisation is registered to", ReturnCode.UnknownSender, n => Changed(Signal(n))) with { From = Publisher.Stranger },
        Case("not json from a broker user no organisation is registered to", ReturnCode.MalformedMessage, _ => Raw("<melding>van onbekende</melding>")) with { From = Publisher.Stranger },
        Case("an oversize signal from a broker user no organisation is registered to", ReturnCode.PayloadTooLarge, n =>
            Changed(Signal(n), json => json["category"] = new string('y', 8000))) with { From = Publisher.Stranger },
        Case("a signal published without a user-id", ReturnCode.UnknownSender, n => Changed(Signal(n))) with { From = Publisher.SchoolWithoutUserId },
    ];

    /// <summary>One message of each hub-only contract, from the school to the wijkteam about the consented pupil.</summary>
    public static IReadOnlyList<HostileCase> HubOnly { get; } =
    [
        .. HubOnlyContracts.Select(contract => Case($"{NullPlacement.Article(contract)} {contract.Name} sent by a partner", ReturnCode.MessageTypeNotAllowed, n =>
        {
            var skeleton = ContractSkeletons.For(contract, n.Clock);
            foreach (var (name, value) in Json(Signal(n)).Where(p => p.Key is not ("category" or "urgency" or "leefgebieden" or "familyInformed" or "feedbackWanted"
                         or "aanleiding" or "familyMembers" or "expiresAt")))
            {
                skeleton[name] = value?.DeepClone();
            }

            return Envelope(RawPartner.UrnOf(contract), skeleton);
        }) with { ReasonMentions = "Only the hub originates" }),
    ];

    /// <summary>Every case by name, for theory data.</summary>
    public static IReadOnlyDictionary<string, HostileCase> ByName { get; } = HandWritten.Concat(HubOnly).ToDictionary(c => c.Name);

    private static HostileCase Case(string name, ReturnCode code, Func<HostileNetwork, Task<Poison>> make, string? reasonMentions = null) =>
        new(name, code, make) { ReasonMentions = reasonMentions };

    private static Signaal Signal(HostileNetwork network) => Messages.SignalFromSchool(network.Clock);

    private static Terugkoppeling Terugkoppeling(HostileNetwork network) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = School,
        Purpose = Purpose.Coordination,
        CreatedAt = network.Clock.GetUtcNow().AddSeconds(-1),
        ReportMessageId = Guid.NewGuid(),
        Status = TerugkoppelingStatus.PickedUp,
    };

    private static ReturnMessage ReturnOf(HostileNetwork network, Guid? returned) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        SenderOrganisation = School,
        Recipients = [Wijkteam],
        Purpose = Purpose.Coordination,
        CreatedAt = network.Clock.GetUtcNow().AddSeconds(-1),
        ReturnedMessageId = returned,
        ReturnedBy = School,
        Code = ReturnCode.DeclinedByRecipient,
        Reason = "Niet voor ons bestemd.",
    };

    private static JsonObject Json(HubMessage message, Action<JsonObject>? change = null)
    {
        var json = RawPartner.Json(message);
        change?.Invoke(json);
        return json;
    }

    /// <summary>The input as <paramref name="poison"/> builds it, but the hub cannot read its message id from it.</summary>
    private static async Task<Poison> Unreadable(Task<Poison> poison) => (await poison) with { MessageId = null };

    private static Task<Poison> Raw(string text) => Task.FromResult(new Poison(RawPartner.Utf8(text), null));

    private static Task<Poison> Changed(HubMessage message, Action<JsonObject>? change = null) =>
        Task.FromResult(new Poison(RawPartner.Envelope(message, change ?? (_ => { })), message.MessageId));

    /// <summary>A MassTransit envelope typed <paramref name="urn"/> (none when null) around <paramref name="message"/> (none when null).</summary>
    private static Task<Poison> Envelope(string? urn, JsonObject? message, Action<JsonObject>? change = null)
    {
        var envelope = new JsonObject { ["messageId"] = Guid.NewGuid() };
        if (urn is not null)
        {
            envelope["messageType"] = new JsonArray(urn);
        }

        if (message is not null)
        {
            envelope["message"] = message;
        }

        change?.Invoke(envelope);

        // The hub names the message's id, or the envelope's when there is no message object.
        var id = envelope["message"] is JsonObject readable ? GuidIn(readable["messageId"]) : GuidIn(envelope["messageId"]);
        return Task.FromResult(new Poison(Encoding.UTF8.GetBytes(envelope.ToJsonString()), id));
    }

    private static Guid? GuidIn(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue(out Guid id) || (value.TryGetValue(out string? text) && Guid.TryParse(text, out id))) ? id : null;

    /// <summary>The message's envelope with its first <paramref name="find"/> replaced by raw bytes, as a faulty writer would leave it.</summary>
    private static Task<Poison> Spliced(HubMessage message, string find, byte[] replacement)
    {
        var body = RawPartner.Envelope(message);
        var at = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(find));
        if (at < 0)
        {
            throw new InvalidOperationException($"'{find}' is not in the envelope.");
        }

        return Task.FromResult(new Poison([.. body[..at], .. replacement, .. body[(at + Encoding.UTF8.GetByteCount(find))..]], message.MessageId));
    }

    private static Task<Poison> Spliced(HubMessage message, string find, string replacement) => Spliced(message, find, Encoding.UTF8.GetBytes(replacement));

    private static Poison OneByteOver(Signaal signal)
    {
        var size = RawPartner.Envelope(signal).Length;
        var padded = signal with { Category = signal.Category + new string('x', HostileNetwork.MaxMessageBytes + 1 - size) };
        var body = RawPartner.Envelope(padded);
        return body.Length == HostileNetwork.MaxMessageBytes + 1
            ? new Poison(body, padded.MessageId)
            : throw new InvalidOperationException($"The padded signal is {body.Length} bytes.");
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}
