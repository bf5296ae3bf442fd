using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NoteWhenReportersHeardBack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeardBackAt",
                table: "signals",
                type: "timestamp with time zone",
                nullable: true);

            // Signals registered before this column: their reporters heard back when the hub's terugkoppeling (an
            // access-log row under rule HUB-FEEDBACK to the reporter, filed under the child's key) was first sent.
            migrationBuilder.Sql("""
                UPDATE signals SET "HeardBackAt" = (
                    SELECT MIN(a."At") FROM access_log a
                    WHERE a."SubjectKey" = signals."SubjectKey" AND a."RuleId" = 'HUB-FEEDBACK'
                      AND a."Recipient" = signals."Sender" AND a."At" >= signals."RegisteredAt")
                WHERE "FeedbackWanted";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeardBackAt",
                table: "signals");
        }
    }
}
