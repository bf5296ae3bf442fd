using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TraceHandOversAndSteering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OriginOrganisation",
                table: "hand_overs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_signals_RegisteredAt",
                table: "signals",
                column: "RegisteredAt");

            migrationBuilder.CreateIndex(
                name: "IX_hand_overs_OfferedAt",
                table: "hand_overs",
                column: "OfferedAt");

            migrationBuilder.CreateIndex(
                name: "IX_hand_overs_OriginOrganisation_OfferedAt",
                table: "hand_overs",
                columns: new[] { "OriginOrganisation", "OfferedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hand_overs_Sender_OfferedAt",
                table: "hand_overs",
                columns: new[] { "Sender", "OfferedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hand_overs_SubjectKey",
                table: "hand_overs",
                column: "SubjectKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_signals_RegisteredAt",
                table: "signals");

            migrationBuilder.DropIndex(
                name: "IX_hand_overs_OfferedAt",
                table: "hand_overs");

            migrationBuilder.DropIndex(
                name: "IX_hand_overs_OriginOrganisation_OfferedAt",
                table: "hand_overs");

            migrationBuilder.DropIndex(
                name: "IX_hand_overs_Sender_OfferedAt",
                table: "hand_overs");

            migrationBuilder.DropIndex(
                name: "IX_hand_overs_SubjectKey",
                table: "hand_overs");

            migrationBuilder.DropColumn(
                name: "OriginOrganisation",
                table: "hand_overs");
        }
    }
}
