using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
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
                    OldKey = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentKey = table.Column<string>(type: "TEXT", nullable: false)
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
