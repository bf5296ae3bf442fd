using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using NetworkHub.Contracts.V1;

namespace NetworkHub.LiveConsole.Views;

/// <summary>What will be shared in the MDO: a kind of content (Plan, Reason, Finances...) and what it is, in a line.</summary>
public sealed record SharingLine(string Content, string Description);

/// <summary>
/// The regisseur's invitation as the form sends it. <see cref="Child"/> is the child's BSN or the organisation's own
/// reference for it, typed from the organisation's own file: the hub keeps neither, and checks that it is the case's child.
/// </summary>
public sealed record MdoConvening(Guid CaseId, string Child, string Purpose, string? Location, DateTimeOffset MeetingAt, DateTimeOffset RsvpBefore,
    IReadOnlyList<string> Invitees, bool InviteParents, bool InviteYoungPerson, string ConsentId, IReadOnlyList<SharingLine> Sharing);

/// <summary>The minutes as the form sends them: to whom, on which consent, the agreements (one a line) and the next evaluation date.</summary>
public sealed record MdoMinutesForm(Guid MdoId, string Child, string ConsentId, IReadOnlyList<string> To, IReadOnlyList<string> Agreements,
    DateOnly NextEvaluationOn);

/// <summary>
/// Turns the regisseur's forms into the contracts a partner system would send. Checks only what the form can get
/// wrong; whether the message may go, and to whom, is the hub's policy's decision when it comes through the pipeline.
/// </summary>
public static partial class MdoMessages
{
    private const int MaxText = 1000;

    /// <summary>The child as the message names it: by BSN (nine digits) or by the sender's own reference.</summary>
    public static SubjectReference Child(string typed, SubjectRole role)
    {
        var value = typed.Trim();
        return Bsn().IsMatch(value)
            ? new SubjectReference { Role = role, Bsn = value }
            : new SubjectReference { Role = role, SenderReference = value };
    }

    public static MdoUitnodiging Invitation(MdoConvening form, SubjectReference child, DateOnly? youngPersonBorn, string sender, DateTimeOffset now)
    {
        Require(form.MeetingAt > now, "The meeting must be in the future.");
        Require(form.RsvpBefore > now && form.RsvpBefore <= form.MeetingAt, "Answers are due after now and no later than the meeting.");
        Require(form.Invitees.Count > 0, "Invite at least one organisation.");
        Require(!string.IsNullOrWhiteSpace(form.ConsentId), "Choose the consent on which the MDO shares.");
        var sharing = form.Sharing.Where(s => !string.IsNullOrWhiteSpace(s.Description)).Select(s => new PlannedSharing
        {
            Content = Enum.TryParse<SectionKind>(s.Content, out var kind) && Enum.IsDefined(kind) ? kind : throw new HubException($"Unknown kind of content: {s.Content}."),
            Description = Text(s.Description),
            LegalBasis = Grondslag.Toestemming,
            ConsentReference = form.ConsentId,
        }).ToArray();
        Require(sharing.Length > 0, "Say what will be shared in the meeting.");
        var mdoId = Guid.NewGuid();
        return new MdoUitnodiging
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = mdoId,
            SenderOrganisation = sender,
            Recipients = [.. form.Invitees.Distinct()],
            Subject = child,
            Purpose = Purpose.DiscussInMdo,
            LegalBasis = Grondslag.Toestemming,
            ConsentReference = form.ConsentId,
            CreatedAt = now,
            MdoId = mdoId,
            MeetingPurpose = Text(form.Purpose),
            Location = string.IsNullOrWhiteSpace(form.Location) ? null : Text(form.Location),
            ProposedTimes = [form.MeetingAt],
            Invitees = [.. form.Invitees.Distinct()],
            FamilyInvitees =
            [
                .. form.InviteParents ? [new SubjectReference { Role = SubjectRole.Parent }] : Array.Empty<SubjectReference>(),
                .. youngPersonBorn is { } born ? [child with { BirthDate = born }] : Array.Empty<SubjectReference>(),
            ],
            Sharing = sharing,
            RsvpDeadline = form.RsvpBefore,
        };
    }

    public static MdoMinutesShared Minutes(MdoMinutesForm form, SubjectReference child, string sender, DateTimeOffset now)
    {
        Require(form.To.Count > 0, "Choose the attendees the minutes go to.");
        Require(!string.IsNullOrWhiteSpace(form.ConsentId), "Choose the consent on which the minutes are shared.");
        var agreements = form.Agreements.Where(a => !string.IsNullOrWhiteSpace(a)).Select(Text).ToArray();
        Require(agreements.Length > 0, "Write down at least one agreement.");
        Require(form.NextEvaluationOn > DateOnly.FromDateTime(now.UtcDateTime), "The next evaluation is after today.");
        return new MdoMinutesShared
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = form.MdoId,
            SenderOrganisation = sender,
            Recipients = [.. form.To.Distinct()],
            Subject = child,
            Purpose = Purpose.DiscussInMdo,
            LegalBasis = Grondslag.Toestemming,
            ConsentReference = form.ConsentId,
            CreatedAt = now,
            MdoId = form.MdoId,
            HeldAt = now,
            Attendees = [sender, .. form.To.Distinct()],
            Agreements = agreements,
            RegisseurOrganisation = sender,
            NextEvaluationOn = form.NextEvaluationOn,
        };
    }

    private static string Text(string value) => value.Trim() is var trimmed && trimmed.Length <= MaxText
        ? trimmed
        : throw new HubException($"A text is at most {MaxText} characters.");

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new HubException(problem);
        }
    }

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex Bsn();
}
