using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NoteSubjectKeyAliases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "subject_key_aliases",
                columns: table => new
                {
                    OldKey = table.Column<string>(type: "text", nullable: false),
                    CurrentKey = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subject_key_aliases", x => x.OldKey);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "subject_key_aliases");
        }
    }
}
