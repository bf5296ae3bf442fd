using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsoleNetworkAndTimelineIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_quarantine_MessageId",
                table: "quarantine",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_hand_offs_CreatedAt",
                table: "hand_offs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_hand_offs_Recipient_CreatedAt",
                table: "hand_offs",
                columns: new[] { "Recipient", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hand_offs_State_Contract_AcknowledgementDueAt",
                table: "hand_offs",
                columns: new[] { "State", "Contract", "AcknowledgementDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_CorrelationId",
                table: "alerts",
                column: "CorrelationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_quarantine_MessageId",
                table: "quarantine");

            migrationBuilder.DropIndex(
                name: "IX_hand_offs_CreatedAt",
                table: "hand_offs");

            migrationBuilder.DropIndex(
                name: "IX_hand_offs_Recipient_CreatedAt",
                table: "hand_offs");

            migrationBuilder.DropIndex(
                name: "IX_hand_offs_State_Contract_AcknowledgementDueAt",
                table: "hand_offs");

            migrationBuilder.DropIndex(
                name: "IX_alerts_CorrelationId",
                table: "alerts");
        }
    }
}
