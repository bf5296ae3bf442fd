using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScopeConsentIdsByRecorder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsentId",
                table: "consents",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Rows recorded before ids were scoped keep their id; the recorder's own id is its part before '#'
            // (a consent covering several targets was stored once per target as "id#target").
            migrationBuilder.Sql("""
                UPDATE consents SET "ConsentId" = CASE WHEN instr("Id", '#') > 0 THEN substr("Id", 1, instr("Id", '#') - 1) ELSE "Id" END;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_consents_RecordedBy_ConsentId",
                table: "consents",
                columns: new[] { "RecordedBy", "ConsentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_consents_RecordedBy_ConsentId",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "ConsentId",
                table: "consents");
        }
    }
}
