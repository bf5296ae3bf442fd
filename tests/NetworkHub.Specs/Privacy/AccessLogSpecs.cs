using ConsentScope = NetworkHub.Core.Privacy.ConsentScope;
using System.Text.Json;
using NetworkHub.Contracts.V1;
using NetworkHub.Core.Privacy;
using static NetworkHub.Specs.Privacy.PrivacyWorld;

namespace NetworkHub.Specs.Privacy;

public class AccessLogSpecs
{
    private static List<AccessLogEntry> Chain(int rows)
    {
        var log = new List<AccessLogEntry>();
        for (var i = 0; i < rows; i++)
        {
            log.Add(AccessLogChain.Append(log.LastOrDefault(), new AccessLogEntry
            {
                At = Now.AddMinutes(i).AddTicks(7),
                Event = i % 2 == 0 ? AccessEventKind.Transfer : AccessEventKind.Refusal,
                SubjectKey = "2025:subjectkey" + i,
                Actor = AccessLogEntries.PolicyActor,
                OnBehalfOf = School.Code,
                Recipient = WijkteamNoord.Code,
                Basis = Grondslag.Toestemming,
                Purpose = Purpose.ShareWithNamedOrganisations,
                ConsentReference = "C-" + i,
                MessageId = Guid.NewGuid(),
                Reason = "Delivered under rule T-SHARE.",
            }));
        }

        return log;
    }

    private static readonly Dictionary<string, Func<AccessLogEntry, AccessLogEntry>> Tampering = new()
    {
        ["the time"] = e => e with { At = e.At.AddSeconds(1) },
        ["the event"] = e => e with { Event = AccessEventKind.Override },
        ["the subject key"] = e => e with { SubjectKey = "2025:someoneelse" },
        ["the actor"] = e => e with { Actor = "j.jansen" },
        ["the organisation acted for"] = e => e with { OnBehalfOf = Huisarts.Code },
        ["the recipient"] = e => e with { Recipient = Politie.Code },
        ["the basis"] = e => e with { Basis = Grondslag.Meldrecht },
        ["the purpose"] = e => e with { Purpose = Purpose.DiscussInMdo },
        ["the consent reference"] = e => e with { ConsentReference = null },
        ["the override flag"] = e => e with { OverrideUsed = true },
        ["the message id"] = e => e with { MessageId = Guid.Empty },
        ["the reason"] = e => e with { Reason = "Delivered under rule T-SHARE" },
    };

    public static TheoryData<string> TamperedFields => [.. Tampering.Keys];

    [Fact]
    public void An_untouched_log_verifies()
    {
        var log = Chain(6);

        var result = AccessLogVerifier.Verify(log);

        Assert.True(result.Intact);
        Assert.Equal(6, result.RowsChecked);
        Assert.Equal(AccessLogChain.Genesis, log[0].PreviousHash);
        Assert.Equal([1L, 2, 3, 4, 5, 6], log.Select(e => e.Sequence));
    }

    [Theory]
    [MemberData(nameof(TamperedFields))]
    public void Changing_one_field_in_row_k_is_reported_at_row_k(string field)
    {
        var log = Chain(6);
        log[2] = Tampering[field](log[2]);

        var result = AccessLogVerifier.Verify(log);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(AccessLogProblem.HashMismatch, result.Problem);
    }

    [Fact]
    public void A_changed_row_whose_hash_was_recomputed_breaks_the_link_of_the_next_row()
    {
        var log = Chain(6);
        var forged = log[2] with { Recipient = Politie.Code };
        log[2] = forged with { Hash = AccessLogChain.ComputeHash(forged, forged.PreviousHash) };

        var result = AccessLogVerifier.Verify(log);

        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal(AccessLogProblem.BrokenLink, result.Problem);
    }

    [Fact]
    public void A_removed_row_is_reported_where_the_sequence_jumps()
    {
        var log = Chain(6);
        log.RemoveAt(2);

        var result = AccessLogVerifier.Verify(log);

        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal(AccessLogProblem.SequenceGap, result.Problem);
    }

    [Fact]
    public void A_tail_of_the_log_verifies_from_the_hash_of_the_row_before_it()
    {
        var log = Chain(6);

        Assert.True(AccessLogVerifier.Verify(log.Skip(3), log[2].Hash).Intact);
        Assert.Equal(4, AccessLogVerifier.Verify(log.Skip(3)).FirstBrokenSequence);
    }

    [Fact]
    public void The_hash_survives_a_database_that_keeps_only_microseconds()
    {
        var row = Chain(1)[0];
        var stored = row with { At = new DateTimeOffset(row.At.UtcTicks - (row.At.UtcTicks % 10), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(2)) };

        Assert.True(AccessLogVerifier.Verify([stored]).Intact);
    }

    [Fact]
    public void Decisions_become_transfer_refusal_and_override_rows_without_any_bsn()
    {
        var register = new InMemoryConsentRegister();
        var melding = FullCaseFile(School, [VeiligThuis, WijkteamNoord], Purpose.ReportToVeiligThuis, Grondslag.Meldrecht, Child()) with
        {
            Override = new MeldcodeOverride { Step = MeldcodeStep.Beslissen, Justification = "Letsel gezien; stap 5 besloten tot melden." },
        };
        var coordination = new Terugkoppeling
        {
            MessageId = Guid.NewGuid(), CorrelationId = melding.CorrelationId, SenderOrganisation = School.Code, Recipients = melding.Recipients,
            Subject = Child(), Purpose = Purpose.Coordination, CreatedAt = Now, ReportMessageId = melding.MessageId, Status = TerugkoppelingStatus.PickedUp,
        };

        var decisions = Policy.DecideAll(melding, OrganisationDirectory, register, Now).Concat(Policy.DecideAll(coordination, OrganisationDirectory, register, Now));
        var rows = decisions.Select(d => AccessLogEntries.ForDecision(d, Now)).ToList();

        Assert.Equal(
            [AccessEventKind.Override, AccessEventKind.Refusal, AccessEventKind.Transfer, AccessEventKind.Transfer],
            rows.Select(r => r.Event));
        Assert.True(rows[0].OverrideUsed);
        Assert.Equal(ReturnCode.PurposeNotAllowedForRecipient, rows[1].Code);
        Assert.All(rows, r => Assert.Equal(School.Code, r.OnBehalfOf));
        Assert.All(rows, r => Assert.Equal(Pseudonyms.SubjectKeyFor(Child(), School.Code)!.Value, r.SubjectKey));
        Assert.DoesNotContain(Bsn, JsonSerializer.Serialize(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_organisations_are_refused_with_their_own_codes()
    {
        var message = FullCaseFile(School, [WijkteamNoord], Purpose.Coordination, null, Child()) with { Recipients = ["NOBODY"] };
        var fromNobody = message with { SenderOrganisation = "NOBODY" , Recipients = [WijkteamNoord.Code] };

        Assert.Equal(ReturnCode.UnknownRecipient, Assert.Single(Policy.DecideAll(message, OrganisationDirectory, new InMemoryConsentRegister(), Now)).ReturnCode);
        Assert.Equal(ReturnCode.UnknownSender, Assert.Single(Policy.DecideAll(fromNobody, OrganisationDirectory, new InMemoryConsentRegister(), Now)).ReturnCode);
    }

    [Fact]
    public void An_override_lands_in_the_privacy_officer_s_review_list_with_its_justification()
    {
        var melding = FullCaseFile(School, [VeiligThuis], Purpose.ReportToVeiligThuis, Grondslag.Meldrecht, Child()) with
        {
            Override = new MeldcodeOverride { Step = MeldcodeStep.Wegen, Justification = "Signalen gewogen met het afwegingskader: melden." },
        };
        var decision = Policy.Decide(melding, School, VeiligThuis, new InMemoryConsentRegister(), Now);

        var item = PrivacyReviewItem.For(decision, melding, Now)!;

        Assert.Equal(MeldcodeStep.Wegen, item.MeldcodeStep);
        Assert.Equal("M-MELDING", item.RuleId);
        Assert.StartsWith("Signalen gewogen", item.Justification, StringComparison.Ordinal);
        Assert.DoesNotContain("Signalen gewogen", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_withdrawal_reaches_everyone_who_received_data_under_that_consent_before_it()
    {
        var withdrawn = new ConsentRecord
        {
            Id = "C-7",
            RecordedBy = WijkteamNoord.Code,
            Subject = new SubjectKey("2025:k"),
            SubjectBirthDate = BirthDateForAge(9),
            Purpose = Purpose.DiscussInMdo,
            Scope = ConsentScope.ForType(OrganisationType.School),
            GrantedBy = [GrantorRole.Parent],
            Decision = ConsentDecision.Given,
            DecidedAt = Now.AddDays(-30),
            Method = ConsentMethod.Verbal,
            WithdrawnAt = Now,
        };
        AccessLogEntry Row(string recipient, string consent, int daysAgo, AccessEventKind kind = AccessEventKind.Transfer) => new()
        {
            At = Now.AddDays(-daysAgo), Event = kind, Actor = "hub-policy", OnBehalfOf = WijkteamNoord.Code, Recipient = recipient, ConsentReference = consent,
        };

        var recipients = WithdrawalFanOut.RecipientsToNotify(withdrawn,
        [
            Row(School.Code, "C-7", 10), Row("SCHOOL-2", "C-7", 3), Row(School.Code, "C-7", 1),
            Row(Huisarts.Code, "C-8", 2), Row("SCHOOL-3", "C-7", 2, AccessEventKind.Refusal), Row("SCHOOL-4", "C-7", -1),
        ], until: Now);

        Assert.Equal(["SCHOOL-2", School.Code], recipients);
    }

    [Fact]
    public void A_consent_change_is_logged_under_the_subject_key_with_its_new_state()
    {
        var register = new InMemoryConsentRegister();
        var subject = Pseudonyms.SubjectKeyFor(Child(), School.Code)!;
        register.Record(new ConsentRecord
        {
            Id = "C-9", RecordedBy = School.Code, Subject = subject, SubjectBirthDate = BirthDateForAge(8), Purpose = Purpose.DiscussInMdo,
            Scope = ConsentScope.ForType(OrganisationType.School), GrantedBy = [GrantorRole.Parent], Decision = ConsentDecision.Given,
            DecidedAt = Now.AddDays(-3), Method = ConsentMethod.Written,
        }, Now);

        var row = AccessLogEntries.ForConsentChange(register.Withdraw("C-9", Now).Record!, "m.devries", WijkteamNoord.Code, Now);

        Assert.Equal(AccessEventKind.ConsentChange, row.Event);
        Assert.Equal(subject.Value, row.SubjectKey);
        Assert.Contains("Withdrawn", row.Reason, StringComparison.Ordinal);
    }
}
