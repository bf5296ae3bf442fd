using NetworkHub.Contracts.Topology;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Specs.Contracts;

/// <summary>
/// One realistic example of every contract, following one fictional family through the network. The
/// round-trip specs check them and docs/contracts.md is generated from them, so the documentation shows
/// exactly what goes over the wire. Ids and dates are fixed; BSNs are 11-proof test numbers (9999…).
/// </summary>
public static class ContractExamples
{
    public const string WijkteamNoord = "wijkteam-noord";
    public const string WijkteamZuid = "wijkteam-zuid";
    public const string VeiligThuis = "veilig-thuis-ijsselland";
    public const string School = "school-de-regenboog";
    public const string Gi = "gi-jeugdbescherming-overijssel";
    public const string Huisarts = "huisarts-de-linde";
    public const string Schuldhulp = "schuldhulp-stadsbank";
    public const string Raad = "raad-kinderbescherming-oost";
    public const string Hub = HubTopology.HubOrganisation;

    private static readonly Guid FamilyCase = Id(0x1000);
    private static readonly Guid HandOver = Id(0x2000);
    private static readonly Guid Mdo = Id(0x3000);
    private static readonly Guid Match = Id(0x4000);
    private static readonly Guid SchoolSignaal = Id(0x1001);
    private static readonly Guid RegieByWijkteam = Id(0x1010);
    private static readonly Guid RegieByGi = Id(0x1011);
    private static readonly Guid DeletionRequest = Id(0x1020);
    private const string FamilyReference = "gezin-7f3a";
    private const string Consent = "tst-2025-000318";
    private const string VeiligThuisReference = "VTIJ-2025-118734";

    private static SubjectReference Child => new()
    {
        Role = SubjectRole.Child,
        Bsn = "999990019",
        SenderReference = "WTN-2025-0412-K1",
        FamilyReference = FamilyReference,
        BirthDate = new DateOnly(2014, 5, 17),
    };

    private static SubjectReference YoungerChild => new()
    {
        Role = SubjectRole.Child,
        Bsn = "999990020",
        SenderReference = "WTN-2025-0412-K2",
        FamilyReference = FamilyReference,
        BirthDate = new DateOnly(2018, 9, 2),
    };

    private static SubjectReference Mother => new()
    {
        Role = SubjectRole.Parent,
        Bsn = "999990032",
        SenderReference = "WTN-2025-0412-O1",
        FamilyReference = FamilyReference,
        BirthDate = new DateOnly(1987, 2, 11),
    };

    private static SubjectReference Family => new()
    {
        Role = SubjectRole.Family,
        SenderReference = "WTN-2025-0412",
        FamilyReference = FamilyReference,
    };

    /// <summary>The child as an organisation not entitled to the BSN sees it: a per-recipient pseudonym.</summary>
    private static SubjectReference ChildForSchool => new()
    {
        Role = SubjectRole.Child,
        Pseudonym = "psn-3c9e71b2d4",
        SenderReference = "LLN-88213",
        BirthDate = new DateOnly(2014, 5, 17),
    };

    public static IReadOnlyList<ContractFamily> Families { get; } =
    [
        new("Signals and feedback",
        [
            new Signaal
            {
                MessageId = SchoolSignaal,
                CorrelationId = FamilyCase,
                SenderOrganisation = School,
                Recipients = [Hub],
                Subject = ChildForSchool,
                Purpose = Purpose.ShareWithNamedOrganisations,
                LegalBasis = Grondslag.Toestemming,
                ConsentReference = Consent,
                CreatedAt = At(3, 9, 30),
                Category = "zorg-over-welzijn",
                Urgency = Urgency.High,
                Leefgebieden = [Leefgebied.School, Leefgebied.Opvoeding],
                FamilyInformed = true,
                FeedbackWanted = true,
                Aanleiding = "Verzuim sinds januari opgelopen; kind vertelt dat het thuis onrustig is.",
                FamilyMembers = [new SubjectReference { Role = SubjectRole.Parent, Bsn = "999990032" }],
                ExpiresAt = new DateTimeOffset(2027, 3, 3, 9, 30, 0, TimeSpan.FromHours(1)),
            },
            new MatchNotification
            {
                MessageId = Id(0x1002),
                CorrelationId = FamilyCase,
                SenderOrganisation = Hub,
                Recipients = [School],
                Subject = ChildForSchool,
                Purpose = Purpose.Coordination,
                LegalBasis = Grondslag.Toestemming,
                ConsentReference = Consent,
                CreatedAt = At(3, 9, 31),
                MatchId = Match,
                InvolvedOrganisations = [Huisarts],
                MatchedSubject = new SubjectReference
                {
                    Role = SubjectRole.Parent,
                    Pseudonym = "psn-81f0aa5e17",
                },
                RegisseurOrganisation = null,
            },
            new SignaalWithdrawn
            {
                MessageId = Id(0x1003),
                CorrelationId = FamilyCase,
                SenderOrganisation = Huisarts,
                Recipients = [Hub],
                Subject = new SubjectReference { Role = SubjectRole.Parent, SenderReference = "HADL-55120" },
                Purpose = Purpose.Coordination,
                CreatedAt = At(20, 16, 5),
                SignaalMessageId = Id(0x0f01),
                Reason = "Betrokkenheid beëindigd: patiënt verhuisd naar andere praktijk.",
            },
            new Terugkoppeling
            {
                MessageId = Id(0x1004),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [School],
                Subject = ChildForSchool,
                Purpose = Purpose.Coordination,
                CreatedAt = At(5, 11, 0),
                ReportMessageId = SchoolSignaal,
                Status = TerugkoppelingStatus.RegieAssigned,
            },
        ]),
        new("Warm hand-over",
        [
            new WarmeOverdrachtOffered
            {
                MessageId = Id(0x2001),
                CorrelationId = HandOver,
                SenderOrganisation = VeiligThuis,
                Recipients = [WijkteamNoord],
                Subject = Family with { SenderReference = VeiligThuisReference },
                Purpose = Purpose.ShareWithNamedOrganisations,
                LegalBasis = Grondslag.Meldrecht,
                CreatedAt = At(4, 10, 15),
                Aanleiding = "Melding politie na huiselijk geweld tussen ouders op 1 maart; kinderen waren thuis.",
                OriginOrganisation = VeiligThuis,
                OriginType = OrganisationType.VeiligThuis,
                Veiligheidsinschatting = new Veiligheidsinschatting
                {
                    Instrument = SafetyInstrument.Top3,
                    Sources = [SafetySource.Parents, SafetySource.Child, SafetySource.School, SafetySource.Politie],
                    AssessedOn = new DateOnly(2025, 3, 3),
                    Outcome = SafetyOutcome.ConditionallySafe,
                    Summary = "Geen acuut gevaar; veiligheid afhankelijk van afspraken met vader over contact en de-escalatie.",
                    Children =
                    [
                        new ChildContact
                        {
                            Child = Child with { SenderReference = VeiligThuisReference + "-K1" },
                            SpokenTo = true,
                            SpokenToAlone = true,
                        },
                        new ChildContact
                        {
                            Child = YoungerChild with { SenderReference = VeiligThuisReference + "-K2" },
                            SpokenTo = false,
                            ReasonNotSpokenTo = "Zes jaar; geobserveerd tijdens huisbezoek, niet apart gesproken.",
                        },
                    ],
                },
                Bodemeisen =
                [
                    "Geen geweld tussen ouders, ook niet verbaal in het bijzijn van de kinderen.",
                    "Vader verblijft tot de evaluatie niet in de woning.",
                    "Kinderen gaan dagelijks naar school.",
                ],
                RegieAfterwards = WijkteamNoord,
                RespondBefore = At(6, 17, 0),
                FirstContactBefore = At(13, 17, 0),
            },
            new WarmeOverdrachtAccepted
            {
                MessageId = Id(0x2002),
                CorrelationId = HandOver,
                SenderOrganisation = WijkteamNoord,
                Recipients = [VeiligThuis],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(5, 8, 45),
                ContactPerson = "Jeugdwerker team Noord, bereikbaar via het teamnummer",
            },
            new WarmeOverdrachtDeclined
            {
                MessageId = Id(0x2102),
                CorrelationId = Id(0x2100),
                SenderOrganisation = WijkteamZuid,
                Recipients = [VeiligThuis],
                Subject = Family with { SenderReference = null },
                Purpose = Purpose.Coordination,
                CreatedAt = At(4, 14, 0),
                Reason = "Gezin woont in het werkgebied van wijkteam Noord; aangeboden aan het verkeerde team.",
            },
            new FirstContactConfirmed
            {
                MessageId = Id(0x2003),
                CorrelationId = HandOver,
                SenderOrganisation = WijkteamNoord,
                Recipients = [VeiligThuis],
                Subject = Family,
                Purpose = Purpose.ShareWithNamedOrganisations,
                LegalBasis = Grondslag.Meldrecht,
                CreatedAt = At(7, 16, 20),
                ContactedOn = new DateOnly(2025, 3, 7),
                ContactWith = [Mother, Child],
            },
            new WarmeOverdrachtReturned
            {
                MessageId = Id(0x2203),
                CorrelationId = Id(0x2200),
                SenderOrganisation = Hub,
                Recipients = [VeiligThuis, WijkteamNoord],
                Subject = new SubjectReference { Role = SubjectRole.Family, FamilyReference = "gezin-c41d" },
                Purpose = Purpose.Coordination,
                CreatedAt = At(13, 17, 0),
                Reason = HandOverReturnReason.NoContactInTime,
                Explanation = "Geen eerste contact bevestigd vóór de termijn van 13 maart 17:00.",
            },
            new WarmeOverdrachtReminder
            {
                MessageId = Id(0x2204),
                CorrelationId = Id(0x2200),
                SenderOrganisation = Hub,
                Recipients = [WijkteamNoord],
                Purpose = Purpose.Coordination,
                CreatedAt = At(6, 17, 0),
                Stage = HandOverStage.Acceptance,
                DueAt = At(6, 17, 0),
            },
            new WarmeOverdrachtEscalated
            {
                MessageId = Id(0x2205),
                CorrelationId = Id(0x2200),
                SenderOrganisation = Hub,
                Recipients = [VeiligThuis],
                Purpose = Purpose.Coordination,
                CreatedAt = At(11, 17, 0),
                Receiver = WijkteamNoord,
                Stage = HandOverStage.Acceptance,
                OverdueSince = At(6, 17, 0),
            },
            new WarmeOverdrachtCompleted
            {
                MessageId = Id(0x2004),
                CorrelationId = HandOver,
                SenderOrganisation = WijkteamNoord,
                Recipients = [VeiligThuis],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(21, 9, 0),
                RegisseurOrganisation = WijkteamNoord,
            },
        ]),
        new("MDO",
        [
            new MdoUitnodiging
            {
                MessageId = Id(0x3001),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [School, Huisarts, Schuldhulp],
                Subject = Family,
                Purpose = Purpose.DiscussInMdo,
                LegalBasis = Grondslag.Toestemming,
                ConsentReference = Consent,
                CreatedAt = At(10, 13, 0),
                MdoId = Mdo,
                MeetingPurpose = "Samen één gezinsplan opstellen na de overdracht van Veilig Thuis.",
                AgendaItems =
                [
                    "Stand van de bodemeisen",
                    "Schoolverzuim en begeleiding op school",
                    "Schulden en vaste lasten",
                    "Afspraken, regie en evaluatiedatum",
                ],
                ProposedTimes = [At(18, 14, 0), At(19, 9, 30), At(20, 15, 0)],
                Location = "Wijkcentrum Noord, spreekkamer 2",
                Invitees = [School, Huisarts, Schuldhulp],
                FamilyInvitees = [Mother, Child],
                Sharing =
                [
                    new PlannedSharing
                    {
                        Content = SectionKind.Safety,
                        Description = "Uitkomst van de veiligheidsinschatting en de bodemeisen",
                        LegalBasis = Grondslag.Toestemming,
                        ConsentReference = Consent,
                    },
                    new PlannedSharing
                    {
                        Content = SectionKind.Finances,
                        Description = "Hoogte van de schulden en lopende afspraken met schuldeisers",
                        LegalBasis = Grondslag.Toestemming,
                        ConsentReference = Consent,
                    },
                ],
                RsvpDeadline = At(14, 12, 0),
            },
            new MdoAnswer
            {
                MessageId = Id(0x3002),
                CorrelationId = FamilyCase,
                SenderOrganisation = Schuldhulp,
                Recipients = [WijkteamNoord],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(11, 10, 40),
                MdoId = Mdo,
                Response = MdoResponse.Delegate,
                DelegateName = "Budgetcoach van het team Schuldhulpverlening",
                AvailableAt = [At(18, 14, 0), At(20, 15, 0)],
            },
            new MdoReminder
            {
                MessageId = Id(0x3003),
                CorrelationId = FamilyCase,
                SenderOrganisation = Hub,
                Recipients = [Huisarts],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(13, 9, 0),
                MdoId = Mdo,
                Kind = MdoReminderKind.AnswerOutstanding,
                RsvpDeadline = At(14, 12, 0),
            },
            new MdoMinutesShared
            {
                MessageId = Id(0x3004),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [School, Huisarts, Schuldhulp],
                Subject = Family,
                Purpose = Purpose.DiscussInMdo,
                LegalBasis = Grondslag.Toestemming,
                ConsentReference = Consent,
                CreatedAt = At(18, 17, 30),
                MdoId = Mdo,
                HeldAt = At(18, 14, 0),
                Attendees = [WijkteamNoord, School, Schuldhulp],
                Agreements =
                [
                    "De bodemeisen blijven van kracht tot de evaluatie.",
                    "Moeder en oudste kind zijn bij de evaluatie aanwezig.",
                ],
                Goals =
                [
                    "Kinderen groeien veilig op zonder geweld tussen ouders.",
                    "Schoolverzuim terug naar nul binnen zes weken.",
                    "Vaste lasten worden weer op tijd betaald.",
                ],
                Actions =
                [
                    new MdoAction
                    {
                        OwnerOrganisation = School,
                        Description = "Dagelijkse aanwezigheidscheck en wekelijks gesprek met de intern begeleider.",
                        DueOn = new DateOnly(2025, 4, 30),
                    },
                    new MdoAction
                    {
                        OwnerOrganisation = Schuldhulp,
                        Description = "Intake schuldhulpverlening en stabilisatie van vaste lasten.",
                        DueOn = new DateOnly(2025, 4, 4),
                    },
                    new MdoAction
                    {
                        OwnerOrganisation = WijkteamNoord,
                        Description = "Huisbezoek om de twee weken; bodemeisen toetsen.",
                        DueOn = new DateOnly(2025, 5, 15),
                    },
                ],
                RegisseurOrganisation = WijkteamNoord,
                NextEvaluationOn = new DateOnly(2025, 5, 15),
            },
            new MdoCancelled
            {
                MessageId = Id(0x3105),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [School, Huisarts],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(24, 8, 30),
                MdoId = Id(0x3100),
                Reason = "Verplaatst: het gezin kan niet op de voorgestelde data; nieuwe uitnodiging volgt.",
            },
            new EvaluationOverdue
            {
                MessageId = Id(0x3006),
                CorrelationId = Mdo,
                SenderOrganisation = Hub,
                Recipients = [WijkteamNoord],
                Purpose = Purpose.Coordination,
                CreatedAt = At(16, 0, 0),
                MdoId = Mdo,
                EvaluationDueOn = new DateOnly(2025, 3, 15),
            },
            new EvaluationPostponed
            {
                MessageId = Id(0x3007),
                CorrelationId = Mdo,
                SenderOrganisation = WijkteamNoord,
                Purpose = Purpose.Coordination,
                CreatedAt = At(17, 9, 30),
                MdoId = Mdo,
                NextEvaluationOn = new DateOnly(2025, 4, 1),
                Reason = "Moeder is twee weken opgenomen; evaluatie na haar terugkeer.",
            },
            new CaseStale
            {
                MessageId = Id(0x3008),
                CorrelationId = Mdo,
                SenderOrganisation = Hub,
                Recipients = [WijkteamNoord],
                Purpose = Purpose.Coordination,
                CreatedAt = At(21, 0, 0),
                Kind = StaleCaseKind.EvaluationOverdue,
                CaseReference = Mdo,
                InvolvedOrganisations = [WijkteamNoord],
                QuietSince = At(16, 0, 0),
            },
        ]),
        new("Regie",
        [
            new RegieAssigned
            {
                MessageId = RegieByWijkteam,
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [School, Huisarts, Schuldhulp, VeiligThuis],
                Subject = Family,
                Purpose = Purpose.Coordination,
                LegalBasis = Grondslag.Toestemming,
                ConsentReference = Consent,
                CreatedAt = At(5, 9, 0),
                Scope = RegieScope.Family,
                RegisseurOrganisation = WijkteamNoord,
                RegisseurDisplayName = "Jeugdwerker team Noord",
            },
            new RegieAcknowledged
            {
                MessageId = Id(0x1012),
                CorrelationId = FamilyCase,
                SenderOrganisation = School,
                Recipients = [WijkteamNoord],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(5, 12, 10),
                AssignmentMessageId = RegieByWijkteam,
            },
            new CaseClosed
            {
                MessageId = Id(0x1030),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [School, Huisarts],
                Subject = new SubjectReference { Role = SubjectRole.Family, FamilyReference = "gezin-c41d" },
                Purpose = Purpose.Coordination,
                CreatedAt = At(28, 16, 0),
                Reason = "Doelen van het gezinsplan bereikt",
            },
            new RegieMissing
            {
                MessageId = Id(0x4002),
                CorrelationId = Match,
                SenderOrganisation = Hub,
                Recipients = [School, Huisarts],
                Purpose = Purpose.Coordination,
                CreatedAt = At(21, 9, 0),
                MatchId = Match,
                InvolvedOrganisations = [Huisarts, School],
                MatchedAt = At(7, 9, 0),
            },
            new RegieConflict
            {
                MessageId = Id(0x1013),
                CorrelationId = FamilyCase,
                SenderOrganisation = Hub,
                Recipients = [WijkteamNoord, Gi],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(26, 10, 2),
                ExistingClaim = new RegieClaim
                {
                    ClaimMessageId = RegieByWijkteam,
                    Scope = RegieScope.Family,
                    RegisseurOrganisation = WijkteamNoord,
                    RegisseurDisplayName = "Jeugdwerker team Noord",
                    ClaimedAt = At(5, 9, 0),
                },
                NewClaim = new RegieClaim
                {
                    ClaimMessageId = RegieByGi,
                    Scope = RegieScope.Family,
                    RegisseurOrganisation = Gi,
                    RegisseurDisplayName = "Gezinsvoogd",
                    ClaimedAt = At(26, 10, 1),
                },
            },
        ]),
        new("Escalation and de-escalation",
        [
            new Opschaling
            {
                MessageId = Id(0x5001),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [Raad],
                Subject = Family,
                Purpose = Purpose.ChildProtection,
                LegalBasis = Grondslag.WettelijkeTaakJeugdbescherming,
                CreatedAt = new DateTimeOffset(2025, 5, 16, 11, 0, 0, TimeSpan.FromHours(2)),
                Target = OpschalingTarget.Raad,
                ReasonCode = OpschalingReason.SafetyConcern,
                Reason = "Bodemeisen bij evaluatie niet nageleefd; vader weer in de woning, hulp in vrijwillig kader onvoldoende.",
                Owner = WijkteamNoord,
                AnswerBefore = new DateTimeOffset(2025, 5, 30, 17, 0, 0, TimeSpan.FromHours(2)),
                Veiligheidsinschatting = new Veiligheidsinschatting
                {
                    Instrument = SafetyInstrument.Lirik,
                    Sources = [SafetySource.Parents, SafetySource.Child, SafetySource.School, SafetySource.VeiligThuis],
                    AssessedOn = new DateOnly(2025, 5, 15),
                    Outcome = SafetyOutcome.Unsafe,
                    Summary = "Hoog risico op herhaling; ouders werken niet mee aan de afspraken.",
                    Children =
                    [
                        new ChildContact { Child = Child, SpokenTo = true, SpokenToAlone = true },
                        new ChildContact { Child = YoungerChild, SpokenTo = true, SpokenToAlone = false },
                    ],
                },
                PlanReference = Mdo.ToString(),
            },
            new OpschalingAnswered
            {
                MessageId = Id(0x5103),
                CorrelationId = Id(0x5100),
                SenderOrganisation = VeiligThuis,
                Recipients = [WijkteamNoord],
                Purpose = Purpose.Coordination,
                CreatedAt = At(11, 10, 0),
                OpschalingMessageId = Id(0x5101),
                Decision = OpschalingDecision.TakenUp,
                Explanation = "Veilig Thuis start een onderzoek.",
            },
            new Afschaling
            {
                MessageId = Id(0x5102),
                CorrelationId = Id(0x5100),
                SenderOrganisation = VeiligThuis,
                Recipients = [WijkteamNoord],
                Subject = new SubjectReference { Role = SubjectRole.Family, FamilyReference = "gezin-e902" },
                Purpose = Purpose.ShareWithNamedOrganisations,
                LegalBasis = Grondslag.Meldrecht,
                CreatedAt = At(12, 15, 45),
                OpschalingMessageId = Id(0x5101),
                ReceivingOrganisation = WijkteamNoord,
                Reason = "Onderzoek afgerond: geen acute onveiligheid; ondersteuning bij opvoeding nodig in vrijwillig kader.",
            },
        ]),
        new("Consent",
        [
            new ConsentRecorded
            {
                MessageId = Id(0x6001),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [Hub],
                Subject = Family,
                Purpose = Purpose.Coordination,
                LegalBasis = Grondslag.Toestemming,
                ConsentReference = Consent,
                CreatedAt = At(5, 10, 0),
                ConsentId = Consent,
                GrantedBy = [GrantorRole.Parent],
                Scope = new ConsentScope
                {
                    Purpose = Purpose.DiscussInMdo,
                    Organisations = [School, Huisarts, Schuldhulp],
                    OrganisationTypes = [],
                },
                GivenOn = new DateOnly(2025, 3, 5),
                ValidUntil = new DateOnly(2026, 3, 4),
            },
            new ConsentRefused
            {
                MessageId = Id(0x6002),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [Hub],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(5, 10, 5),
                ConsentId = "tst-2025-000319",
                RefusedBy = GrantorRole.Parent,
                Scope = new ConsentScope
                {
                    Purpose = Purpose.ShareWithNamedOrganisations,
                    Organisations = [],
                    OrganisationTypes = [OrganisationType.Woningcorporatie],
                },
                RefusedOn = new DateOnly(2025, 3, 5),
            },
            new ConsentWithdrawn
            {
                MessageId = Id(0x6003),
                CorrelationId = FamilyCase,
                SenderOrganisation = WijkteamNoord,
                Recipients = [Hub],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = At(28, 14, 30),
                ConsentId = Consent,
                WithdrawnBy = GrantorRole.YoungPerson,
                Scope = new ConsentScope
                {
                    Purpose = Purpose.DiscussInMdo,
                    Organisations = [Huisarts],
                },
                WithdrawnOn = new DateOnly(2025, 3, 28),
            },
            new DeletionRequested
            {
                MessageId = DeletionRequest,
                CorrelationId = FamilyCase,
                SenderOrganisation = Hub,
                Recipients = [Huisarts],
                Subject = new SubjectReference { Role = SubjectRole.Family, Pseudonym = "psn-5d2b90c4e8" }, // the hub's pseudonym for the huisarts
                Purpose = Purpose.Coordination,
                CreatedAt = At(28, 14, 35),
                RequestedBy = GrantorRole.YoungPerson,
                Scope = new ConsentScope
                {
                    Purpose = Purpose.DiscussInMdo,
                    Organisations = [Huisarts],
                },
                ConsentId = Consent,
                AnswerBefore = new DateOnly(2025, 4, 28),
            },
            new DeletionConfirmed
            {
                MessageId = Id(0x6005),
                CorrelationId = FamilyCase,
                SenderOrganisation = Huisarts,
                Recipients = [WijkteamNoord],
                Subject = Family,
                Purpose = Purpose.Coordination,
                CreatedAt = new DateTimeOffset(2025, 4, 2, 9, 15, 0, TimeSpan.FromHours(2)),
                RequestMessageId = DeletionRequest,
                DeletedOn = new DateOnly(2025, 4, 2),
                RetainedReason = "Verslag van het MDO is onderdeel van het medisch dossier (bewaarplicht WGBO); overige gegevens verwijderd.",
            },
        ]),
        new("Acknowledgements and returns",
        [
            new Acknowledgement
            {
                MessageId = Id(0x7001),
                CorrelationId = HandOver,
                SenderOrganisation = WijkteamNoord,
                Recipients = [VeiligThuis],
                Purpose = Purpose.Coordination,
                CreatedAt = At(4, 10, 16),
                AcknowledgedMessageId = Id(0x2001),
                AcknowledgedBy = WijkteamNoord,
            },
            new ReturnMessage
            {
                MessageId = Id(0x7002),
                CorrelationId = FamilyCase,
                SenderOrganisation = Hub,
                Recipients = [WijkteamNoord],
                Purpose = Purpose.Coordination,
                CreatedAt = At(28, 15, 0),
                ReturnedMessageId = Id(0x7f02),
                ReturnedContract = "NetworkHub.Contracts.V1.MdoMinutesShared",
                ReturnedBy = Hub,
                Code = ReturnCode.ConsentWithdrawn,
                Reason = "Consent tst-2025-000318 no longer covers huisarts-de-linde for DiscussInMdo.",
            },
            new AcknowledgementOverdue
            {
                MessageId = Id(0x7003),
                CorrelationId = FamilyCase,
                SenderOrganisation = Hub,
                Recipients = [WijkteamNoord],
                Purpose = Purpose.Coordination,
                CreatedAt = At(13, 13, 0),
                OverdueMessageId = Id(0x3001),
                Recipient = Huisarts,
                DueAt = At(13, 13, 0),
            },
        ]),
    ];

    public static IEnumerable<HubMessage> All => Families.SelectMany(f => f.Examples);

    /// <summary>Readable, fixed ids: the number shows in the last block.</summary>
    private static Guid Id(int n) => new($"6e7b1c2a-4d3f-4a8e-9c51-{n:x12}");

    /// <summary>A time in March 2025, Dutch winter time.</summary>
    private static DateTimeOffset At(int day, int hour, int minute) =>
        new(2025, 3, day, hour, minute, 0, TimeSpan.FromHours(1));
}

/// <summary>Contracts that belong together, shown under one heading in docs/contracts.md.</summary>
public sealed record ContractFamily(string Name, IReadOnlyList<HubMessage> Examples);
