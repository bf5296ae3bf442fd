using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <summary>
    /// Exactly the schema the release before migrations created with EnsureCreated (schema_version included), so a
    /// database of that release is adopted by recording this migration as applied (SchemaMigrator). Never edit it.
    /// </summary>
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Event = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    OnBehalfOf = table.Column<string>(type: "TEXT", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", nullable: true),
                    Basis = table.Column<string>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", nullable: true),
                    ConsentReference = table.Column<string>(type: "TEXT", nullable: true),
                    OverrideUsed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RuleId = table.Column<string>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "access_log_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_log_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", nullable: false),
                    ScopeOrganisation = table.Column<string>(type: "TEXT", nullable: true),
                    ScopeType = table.Column<string>(type: "TEXT", nullable: true),
                    GrantedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Reference = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "escalation_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", nullable: false),
                    AnswerBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "family_links",
                columns: table => new
                {
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    RelatedKey = table.Column<string>(type: "TEXT", nullable: false),
                    LinkedBy = table.Column<string>(type: "TEXT", nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_family_links", x => new { x.SubjectKey, x.RelatedKey });
                });

            migrationBuilder.CreateTable(
                name: "hand_offs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", nullable: false),
                    Contract = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DispatchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgementDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnCode = table.Column<string>(type: "TEXT", nullable: true),
                    OverdueAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hand_offs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hand_overs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferMessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", nullable: false),
                    Receiver = table.Column<string>(type: "TEXT", nullable: false),
                    OriginType = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: true),
                    SafetyConcern = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstContactBefore = table.Column<long>(type: "INTEGER", nullable: true),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstContactAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hand_overs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Contract = table.Column<string>(type: "TEXT", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "matches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    RelatedKey = table.Column<string>(type: "TEXT", nullable: true),
                    MatchedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_matches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mdo_answers",
                columns: table => new
                {
                    MdoId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", nullable: false),
                    Response = table.Column<string>(type: "TEXT", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mdo_answers", x => new { x.MdoId, x.Organisation });
                });

            migrationBuilder.CreateTable(
                name: "mdos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    Convener = table.Column<string>(type: "TEXT", nullable: false),
                    Invitees = table.Column<string>(type: "TEXT", nullable: false),
                    RsvpDeadline = table.Column<long>(type: "INTEGER", nullable: false),
                    ConvenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MinutesSharedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mdos", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    BrokerUser = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CausationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Destination = table.Column<string>(type: "TEXT", nullable: false),
                    Contract = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DispatchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_reviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    SenderCode = table.Column<string>(type: "TEXT", nullable: false),
                    RecipientCode = table.Column<string>(type: "TEXT", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", nullable: true),
                    MeldcodeStep = table.Column<string>(type: "TEXT", nullable: true),
                    Justification = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quarantine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", nullable: true),
                    Contract = table.Column<string>(type: "TEXT", nullable: true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ReplayedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantine", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "regie",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    RegisseurOrganisation = table.Column<string>(type: "TEXT", nullable: false),
                    RegisseurDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regie", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "schema_version",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_schema_version", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", nullable: false),
                    SenderReference = table.Column<string>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FeedbackWanted = table.Column<bool>(type: "INTEGER", nullable: false),
                    SafetyConcern = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signals", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "access_log_head",
                columns: new[] { "Id", "LastSequence" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_access_log_ConsentReference",
                table: "access_log",
                column: "ConsentReference");

            migrationBuilder.CreateIndex(
                name: "IX_access_log_Sequence",
                table: "access_log",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_access_log_SubjectKey_At",
                table: "access_log",
                columns: new[] { "SubjectKey", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_consents_SubjectKey_Purpose",
                table: "consents",
                columns: new[] { "SubjectKey", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_deadlines_FiredAt_DueAt",
                table: "deadlines",
                columns: new[] { "FiredAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_deadlines_Reference",
                table: "deadlines",
                column: "Reference");

            migrationBuilder.CreateIndex(
                name: "IX_escalation_decisions_SubjectKey_DecidedAt",
                table: "escalation_decisions",
                columns: new[] { "SubjectKey", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hand_offs_CorrelationId",
                table: "hand_offs",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_hand_offs_MessageId_Recipient",
                table: "hand_offs",
                columns: new[] { "MessageId", "Recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hand_offs_Sender_CreatedAt",
                table: "hand_offs",
                columns: new[] { "Sender", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hand_overs_Receiver_State",
                table: "hand_overs",
                columns: new[] { "Receiver", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_matches_SubjectKey",
                table: "matches",
                column: "SubjectKey");

            migrationBuilder.CreateIndex(
                name: "IX_organisations_BrokerUser",
                table: "organisations",
                column: "BrokerUser",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_CausationId",
                table: "outbox",
                column: "CausationId");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_DispatchedAt_CreatedAt",
                table: "outbox",
                columns: new[] { "DispatchedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_reviews_At",
                table: "privacy_reviews",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_quarantine_ReceivedAt",
                table: "quarantine",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_regie_SubjectKey_Scope",
                table: "regie",
                columns: new[] { "SubjectKey", "Scope" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_signals_SubjectKey_WithdrawnAt",
                table: "signals",
                columns: new[] { "SubjectKey", "WithdrawnAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_log");

            migrationBuilder.DropTable(
                name: "access_log_head");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "deadlines");

            migrationBuilder.DropTable(
                name: "escalation_decisions");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "family_links");

            migrationBuilder.DropTable(
                name: "hand_offs");

            migrationBuilder.DropTable(
                name: "hand_overs");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "matches");

            migrationBuilder.DropTable(
                name: "mdo_answers");

            migrationBuilder.DropTable(
                name: "mdos");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "privacy_reviews");

            migrationBuilder.DropTable(
                name: "quarantine");

            migrationBuilder.DropTable(
                name: "regie");

            migrationBuilder.DropTable(
                name: "schema_version");

            migrationBuilder.DropTable(
                name: "signals");
        }
    }
}
