using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordPseudonymKeyFingerprints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pseudonym_keys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: false),
                    FirstUsedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pseudonym_keys", x => x.KeyId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pseudonym_keys");
        }
    }
}
