using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NetworkHub.Migrations.PostgreSql
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Event = table.Column<string>(type: "text", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: true),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    OnBehalfOf = table.Column<string>(type: "text", nullable: false),
                    Recipient = table.Column<string>(type: "text", nullable: true),
                    Basis = table.Column<string>(type: "text", nullable: true),
                    Purpose = table.Column<string>(type: "text", nullable: true),
                    ConsentReference = table.Column<string>(type: "text", nullable: true),
                    OverrideUsed = table.Column<bool>(type: "boolean", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    RuleId = table.Column<string>(type: "text", nullable: true),
                    Code = table.Column<string>(type: "text", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    PreviousHash = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "access_log_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_log_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: false),
                    SubjectBirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Purpose = table.Column<string>(type: "text", nullable: false),
                    ScopeOrganisation = table.Column<string>(type: "text", nullable: true),
                    ScopeType = table.Column<string>(type: "text", nullable: true),
                    GrantedBy = table.Column<string>(type: "text", nullable: false),
                    Decision = table.Column<string>(type: "text", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Method = table.Column<string>(type: "text", nullable: false),
                    ValidUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Reference = table.Column<Guid>(type: "uuid", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "escalation_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: false),
                    Recipients = table.Column<string>(type: "text", nullable: false),
                    AnswerBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "family_links",
                columns: table => new
                {
                    SubjectKey = table.Column<string>(type: "text", nullable: false),
                    RelatedKey = table.Column<string>(type: "text", nullable: false),
                    LinkedBy = table.Column<string>(type: "text", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_family_links", x => new { x.SubjectKey, x.RelatedKey });
                });

            migrationBuilder.CreateTable(
                name: "hand_offs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: false),
                    Recipient = table.Column<string>(type: "text", nullable: false),
                    Contract = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DispatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgementDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnCode = table.Column<string>(type: "text", nullable: true),
                    OverdueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hand_offs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hand_overs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferMessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: false),
                    Receiver = table.Column<string>(type: "text", nullable: false),
                    OriginType = table.Column<string>(type: "text", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: true),
                    SafetyConcern = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstContactBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstContactAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hand_overs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Contract = table.Column<string>(type: "text", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: true),
                    ContentHash = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "matches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: false),
                    RelatedKey = table.Column<string>(type: "text", nullable: true),
                    MatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_matches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mdo_answers",
                columns: table => new
                {
                    MdoId = table.Column<Guid>(type: "uuid", nullable: false),
                    Organisation = table.Column<string>(type: "text", nullable: false),
                    Response = table.Column<string>(type: "text", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mdo_answers", x => new { x.MdoId, x.Organisation });
                });

            migrationBuilder.CreateTable(
                name: "mdos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: false),
                    Convener = table.Column<string>(type: "text", nullable: false),
                    Invitees = table.Column<string>(type: "text", nullable: false),
                    RsvpDeadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConvenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MinutesSharedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mdos", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    Code = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    BrokerUser = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CausationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Destination = table.Column<string>(type: "text", nullable: false),
                    Contract = table.Column<string>(type: "text", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DispatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_reviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SenderCode = table.Column<string>(type: "text", nullable: false),
                    RecipientCode = table.Column<string>(type: "text", nullable: false),
                    Basis = table.Column<string>(type: "text", nullable: true),
                    Purpose = table.Column<string>(type: "text", nullable: false),
                    RuleId = table.Column<string>(type: "text", nullable: true),
                    MeldcodeStep = table.Column<string>(type: "text", nullable: true),
                    Justification = table.Column<string>(type: "text", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quarantine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: true),
                    Contract = table.Column<string>(type: "text", nullable: true),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<byte[]>(type: "bytea", nullable: false),
                    ReplayedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantine", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "regie",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: false),
                    Scope = table.Column<string>(type: "text", nullable: false),
                    RegisseurOrganisation = table.Column<string>(type: "text", nullable: false),
                    RegisseurDisplayName = table.Column<string>(type: "text", nullable: true),
                    ClaimedBy = table.Column<string>(type: "text", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regie", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "schema_version",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Fingerprint = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_schema_version", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKey = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: false),
                    SenderReference = table.Column<string>(type: "text", nullable: true),
                    Category = table.Column<string>(type: "text", nullable: false),
                    Urgency = table.Column<string>(type: "text", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FeedbackWanted = table.Column<bool>(type: "boolean", nullable: false),
                    SafetyConcern = table.Column<bool>(type: "boolean", nullable: false)
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
