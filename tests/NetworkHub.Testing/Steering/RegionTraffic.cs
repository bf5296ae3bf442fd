using Microsoft.EntityFrameworkCore;
using NetworkHub.Contracts;
using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Time;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Testing.Steering;

/// <summary>
/// How much a region's network does: organisations per municipality and, per municipality and month, the signals partners
/// send to the wijkteam, the warm hand-overs and the escalations. <see cref="Region"/> is the year the benchmark fills.
/// </summary>
public sealed record RegionShape(int Municipalities, int WijkteamsPerMunicipality, int SchoolsPerMunicipality, int HuisartsenPerMunicipality,
    int SignalsPerMonth, int HandOversPerMonth, int EscalationsPerMonth)
{
    /// <summary>
    /// A region of 11 municipalities (DOMAIN.md §6): two wijkteams, ten schools, eight huisartsen and a schuldhulp each, and
    /// one Veilig Thuis, GI, Raad and JGZ for the region; per municipality and month 500 signals, 80 warm hand-overs and
    /// 25 escalations — some 280 hand-offs a day for the region, above its share of the "thousands a day" nationally.
    /// </summary>
    public static RegionShape Region { get; } = new(11, 2, 10, 8, 500, 80, 25);

    /// <summary>Two municipalities' month: enough of every case for a spec, quick to write.</summary>
    public static RegionShape Small { get; } = new(2, 2, 3, 2, 150, 30, 12);
}

/// <summary>
/// A deterministic (seeded) stretch of a region's traffic, as the hub records it: the ledger's hand-offs with their
/// deadlines and answers, warm hand-overs with their steps, signals in the index, escalations, and the access log's rows
/// for each transfer and each terugkoppeling of the hub (partners send their own too), in the exact shape the hub writes them. Lists stay in memory, so a spec can
/// recount what a report says from them.
/// </summary>
public sealed class RegionTraffic
{
    public const string VeiligThuis = "veilig-thuis-ijsselland";
    public const string Gi = "gi-jeugdbescherming-overijssel";
    public const string Raad = "raad-kinderbescherming-oost";
    public const string Jgz = "jgz-ijsselland";

    private static readonly string Contract_Signal = Name<Signaal>(), Offered = Name<WarmeOverdrachtOffered>(), Accepted = Name<WarmeOverdrachtAccepted>(),
        Declined = Name<WarmeOverdrachtDeclined>(), Contact = Name<FirstContactConfirmed>(), Completed = Name<WarmeOverdrachtCompleted>(),
        Escalation = Name<Opschaling>(), EscalationAnswered = Name<OpschalingAnswered>(), Contract_Feedback = Name<Terugkoppeling>();

    private static readonly ReturnCode[] Returns = [ReturnCode.DeclinedByRecipient, ReturnCode.DeclinedByRecipient, ReturnCode.DeclinedByRecipient,
        ReturnCode.NotInvolved, ReturnCode.RecipientUnavailable];

    private readonly Random _random;
    private readonly WorkingDayCalendar _calendar;
    private readonly Pseudonymizer _pseudonymizer;
    private int _references;

    private RegionTraffic(int seed, WorkingDayCalendar calendar, Pseudonymizer pseudonymizer, DateTimeOffset now)
    {
        _random = new Random(seed);
        _calendar = calendar;
        _pseudonymizer = pseudonymizer;
        Now = now;
    }

    /// <summary>When the traffic was generated: answers after it have not come yet, deadlines before it have fired.</summary>
    public DateTimeOffset Now { get; }

    public List<OrganisationRecord> Organisations { get; } = [];
    public List<HandOff> HandOffs { get; } = [];
    public List<HandOverRecord> HandOvers { get; } = [];
    public List<SignalRecord> Signals { get; } = [];
    public List<EscalationRecord> Escalations { get; } = [];
    public List<AccessLogEntry> AccessLog { get; } = [];

    /// <summary>Terugkoppeling partners sent reporters themselves (its hand-off is in <see cref="HandOffs"/>): the signal it names, and the reporter.</summary>
    public List<(Guid ReportMessageId, string Recipient)> FeedbackFromPartners { get; } = [];

    /// <summary>Each hand-over's child, as its sender knows it: for tracing a case by its reference.</summary>
    public Dictionary<Guid, string> HandOverReferences { get; } = [];

    /// <summary>Traffic between <paramref name="from"/> and <paramref name="until"/>, seen at <paramref name="now"/>.</summary>
    public static RegionTraffic Generate(RegionShape shape, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now, Pseudonymizer pseudonymizer,
        int seed = 2026)
    {
        var traffic = new RegionTraffic(seed, new WorkingDayCalendar(new CalendarOptions()), pseudonymizer, now);
        traffic.Fill(shape, from, until);
        return traffic;
    }

    private void Fill(RegionShape shape, DateTimeOffset from, DateTimeOffset until)
    {
        Organise(VeiligThuis, OrganisationType.VeiligThuis);
        Organise(Gi, OrganisationType.GecertificeerdeInstelling);
        Organise(Raad, OrganisationType.RaadVoorDeKinderbescherming);
        Organise(Jgz, OrganisationType.Jgz);
        var months = (until - from).TotalDays / 30.44;
        for (var m = 1; m <= shape.Municipalities; m++)
        {
            var wijkteams = Enumerable.Range(1, shape.WijkteamsPerMunicipality).Select(i => Organise($"wijkteam-{m:D2}-{i}", OrganisationType.Wijkteam)).ToArray();
            var reporters = Enumerable.Range(1, shape.SchoolsPerMunicipality).Select(i => Organise($"school-{m:D2}-{i:D2}", OrganisationType.School))
                .Concat(Enumerable.Range(1, shape.HuisartsenPerMunicipality).Select(i => Organise($"huisarts-{m:D2}-{i:D2}", OrganisationType.Huisarts)))
                .Append(Jgz).Append(VeiligThuis).ToArray();
            var schuldhulp = Organise($"schuldhulp-{m:D2}", OrganisationType.Schuldhulp);
            for (var i = 0; i < (int)(shape.SignalsPerMonth * months); i++)
            {
                Signal(Pick(reporters), Pick(wijkteams), At(from, until));
            }

            for (var i = 0; i < (int)(shape.HandOversPerMonth * months); i++)
            {
                var roll = _random.NextDouble();
                var wijkteam = Pick(wijkteams);
                var (sender, receiver, origin) = roll < 0.45 ? (VeiligThuis, wijkteam, VeiligThuis) // afschaling: VT hands a case down
                    : roll < 0.6 ? (wijkteam, Gi, VeiligThuis) // the wijkteam passes on a case VT handed down
                    : roll < 0.8 ? (wijkteam, Pick(wijkteams.Where(w => w != wijkteam).DefaultIfEmpty(schuldhulp).ToArray()), wijkteam)
                    : (wijkteam, schuldhulp, wijkteam);
                HandOver(sender, receiver, origin, At(from, until));
            }

            for (var i = 0; i < (int)(shape.EscalationsPerMonth * months); i++)
            {
                var roll = _random.NextDouble();
                Escalate(Pick(wijkteams), roll < 0.6 ? VeiligThuis : roll < 0.8 ? Raad : Gi, At(from, until));
            }
        }
    }

    private string Organise(string code, OrganisationType type)
    {
        Organisations.Add(new OrganisationRecord { Code = code, Name = code, Type = type, BrokerUser = code });
        return code;
    }

    /// <summary>A signal to the wijkteam: indexed, routed (a hand-off and its transfer row), and when picked up, terugkoppeling to a reporter that wants it.</summary>
    private void Signal(string sender, string wijkteam, DateTimeOffset at)
    {
        var subject = Child(sender, out var reference);
        var id = NewId();
        var signal = new SignalRecord
        {
            Id = id, SubjectKey = subject.Value, Role = SubjectRole.Child, Sender = sender, SenderReference = reference, Category = "zorgen-opvoeding",
            Urgency = Urgency.Normal, RegisteredAt = at, ExpiresAt = at.AddDays(730), FeedbackWanted = _random.NextDouble() < 0.85, SafetyConcern = false,
        };
        Signals.Add(signal);
        var handOff = Route(id, id, Contract_Signal, sender, wijkteam, at, subject);
        if (signal.FeedbackWanted && handOff.AcknowledgedAt is { } pickedUp)
        {
            var feedback = new Terugkoppeling
            {
                MessageId = NewId(), CorrelationId = id, SenderOrganisation = HubTopology.HubOrganisation, Recipients = [sender], Purpose = Purpose.Coordination,
                CreatedAt = pickedUp, ReportMessageId = id, Status = TerugkoppelingStatus.PickedUp,
            };
            AccessLog.Add(AccessLogEntries.ForDecision(Disclosure.Feedback(subject).DecisionFor(feedback, sender), pickedUp)); // HeardBackAt stays empty, as the hub leaves it
        }
        else if (signal.FeedbackWanted && _random.NextDouble() < 0.4 && Whole(at + Hours(2, 96)) is var told && told <= Now)
        {
            // Not picked up (yet): the wijkteam tells the reporter itself, naming the signal.
            var message = NewId();
            Route(message, id, Contract_Feedback, wijkteam, sender, told, subject: null);
            FeedbackFromPartners.Add((id, sender));
            signal.HeardBackAt = told;
        }
    }

    /// <summary>A warm hand-over: offered, then declined, unanswered, or accepted; then first contact (or back to the sender) and completion.</summary>
    private void HandOver(string sender, string receiver, string origin, DateTimeOffset at)
    {
        var subject = Child(sender, out var reference);
        var record = new HandOverRecord
        {
            Id = NewId(), OfferMessageId = NewId(), Sender = sender, Receiver = receiver, OriginOrganisation = origin,
            OriginType = origin == VeiligThuis ? OrganisationType.VeiligThuis : OrganisationType.Wijkteam, SubjectKey = subject.Value,
            SafetyConcern = origin == VeiligThuis && _random.NextDouble() < 0.5, State = HandOverState.Offered, OfferedAt = at,
        };
        HandOvers.Add(record);
        HandOverReferences[record.Id] = reference;
        Route(record.OfferMessageId, record.Id, Offered, sender, receiver, at, subject);

        var roll = _random.NextDouble();
        var answer = Whole(at + Hours(1, 70));
        if (roll < 0.13 || answer > Now)
        {
            var reminder = _calendar.AddWorkingDays(at, 3).ToUniversalTime();
            var escalation = _calendar.AddWorkingDays(reminder, 3).ToUniversalTime();
            record.RemindedAt = reminder <= Now ? reminder : null;
            record.EscalatedAt = escalation <= Now ? escalation : null;
            return;
        }

        if (roll < 0.21)
        {
            Step(record, Declined, answer, subject);
            (record.State, record.ClosedAt) = (HandOverState.Declined, answer);
            return;
        }

        Step(record, Accepted, answer, subject);
        (record.State, record.AcceptedAt) = (HandOverState.Accepted, answer);
        var contactBefore = _calendar.AddWorkingDays(answer, 5).ToUniversalTime();
        var contact = Whole(answer + Hours(4, _random.NextDouble() < 0.85 ? 110 : 300));
        if (contact > contactBefore || contact > Now)
        {
            if (contactBefore <= Now && contactBefore < contact)
            {
                (record.State, record.ClosedAt) = (HandOverState.Returned, contactBefore); // the hub sends it back (no contact in time)
            }

            return;
        }

        Step(record, Contact, contact, subject);
        (record.State, record.FirstContactAt) = (HandOverState.FirstContactMade, contact);
        var done = Whole(contact + Hours(48, 600));
        if (_random.NextDouble() < 0.6 && done <= Now)
        {
            Step(record, Completed, done, subject);
            (record.State, record.ClosedAt) = (HandOverState.Completed, done);
        }
    }

    private void Step(HandOverRecord record, string contract, DateTimeOffset at, SubjectKey subject) =>
        Route(NewId(), record.Id, contract, record.Receiver, record.Sender, at, subject);

    /// <summary>An escalation with its answer date (five working days), answered in time, late or not yet.</summary>
    private void Escalate(string sender, string recipient, DateTimeOffset at)
    {
        var id = NewId();
        var answerBefore = _calendar.AddWorkingDays(at, 5).ToUniversalTime();
        var roll = _random.NextDouble();
        DateTimeOffset? answered = roll < 0.7 ? at + (answerBefore - at) * _random.NextDouble() : roll < 0.85 ? answerBefore + Hours(1, 100) : null;
        answered = answered <= Now ? Whole(answered.Value) : null;
        Escalations.Add(new EscalationRecord { Id = id, Sender = sender, Recipients = recipient, AnswerBefore = answerBefore, AnsweredAt = answered });
        Route(id, id, Escalation, sender, recipient, at, subject: null);
        if (answered is { } when)
        {
            Route(NewId(), id, EscalationAnswered, recipient, sender, when, subject: null);
        }
    }

    /// <summary>
    /// A message routed to one recipient: its hand-off with the acknowledgement deadline (3 working days), the recipient's
    /// answer — in time, late, a return with a code, or none yet — and, about a child, its transfer row in the access log.
    /// </summary>
    private HandOff Route(Guid messageId, Guid correlationId, string contract, string sender, string recipient, DateTimeOffset at, SubjectKey? subject)
    {
        var due = _calendar.AddWorkingDays(at, 3).ToUniversalTime();
        var handOff = new HandOff
        {
            Id = DeterministicGuid.Create(messageId, recipient), MessageId = messageId, CorrelationId = correlationId, Sender = sender, Recipient = recipient,
            Contract = contract, State = HandOffState.Dispatched, CreatedAt = at, DispatchedAt = at.AddMilliseconds(40), AcknowledgementDueAt = due,
        };
        var roll = _random.NextDouble();
        var answer = Whole(roll < 0.75 ? at + (due - at) * Math.Pow(_random.NextDouble(), 2) // most answer soon
            : roll < 0.85 ? due + Hours(1, 120)
            : roll < 0.95 ? at + Hours(0.5, 48)
            : DateTimeOffset.MaxValue);
        if (answer <= Now && roll < 0.85)
        {
            (handOff.State, handOff.AcknowledgedAt) = (HandOffState.Acknowledged, answer);
        }
        else if (answer <= Now && roll < 0.95)
        {
            (handOff.State, handOff.ReturnedAt, handOff.ReturnCode) = (HandOffState.Returned, answer, Pick(Returns));
        }

        var settled = handOff.AcknowledgedAt ?? handOff.ReturnedAt;
        if (due.AddSeconds(1) <= Now && (settled is null || settled > due))
        {
            handOff.OverdueAt = due.AddSeconds(1); // the deadline scan fired: the hand-off went overdue (whatever came after)
            handOff.State = settled is null ? HandOffState.Overdue : handOff.State;
        }

        HandOffs.Add(handOff);
        if (subject is not null)
        {
            AccessLog.Add(new AccessLogEntry
            {
                At = at, Event = AccessEventKind.Transfer, SubjectKey = subject.Value, Actor = AccessLogEntries.PolicyActor, OnBehalfOf = sender,
                Recipient = recipient, Basis = Grondslag.Toestemming, Purpose = Purpose.ShareWithNamedOrganisations, ConsentReference = $"toestemming-{subject.Value[..8]}",
                MessageId = messageId, RuleId = "T-SHARE", Reason = "The family consented to sharing with this named organisation.",
            });
        }

        return handOff;
    }

    /// <summary>Writes everything, in batches, into a database whose schema is current; reports (rows written, rows).</summary>
    public async Task WriteAsync(Func<HubDbContext> open, Action<long, long>? progress = null, int batch = 5_000)
    {
        await using (var db = open())
        {
            db.Organisations.AddRange(Organisations);
            await db.SaveChangesAsync();
            await new PseudonymKeyRegister(db).RequireAndRecordAsync(_pseudonymizer, Now, CancellationToken.None);
        }

        IEnumerable<object> rows = [.. HandOffs, .. HandOvers, .. Signals, .. Escalations, .. AccessLog];
        long total = HandOffs.Count + HandOvers.Count + Signals.Count + Escalations.Count + AccessLog.Count, written = 0;
        foreach (var chunk in rows.Chunk(batch))
        {
            await using var db = open();
            db.AddRange(chunk);
            await db.SaveChangesAsync();
            written += chunk.Length;
            progress?.Invoke(written, total);
        }
    }

    private SubjectKey Child(string sender, out string reference)
    {
        reference = $"{sender[..Math.Min(sender.Length, 8)]}-dossier-{++_references:D6}";
        return _pseudonymizer.SubjectKeyFor(new SubjectReference { Role = SubjectRole.Child, SenderReference = reference }, sender)!;
    }

    private DateTimeOffset At(DateTimeOffset from, DateTimeOffset until) => Whole(from + (until - from) * _random.NextDouble());

    private TimeSpan Hours(double min, double max) => TimeSpan.FromHours(min + (max - min) * _random.NextDouble());

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>Whole milliseconds in UTC: what every database keeps exactly.</summary>
    private static DateTimeOffset Whole(DateTimeOffset at) =>
        at == DateTimeOffset.MaxValue ? at : new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static string Name<T>() => ContractCatalogue.NameOf(typeof(T));
}
