using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MdoId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", nullable: false),
                    RegisseurOrganisation = table.Column<string>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_MdoId_EndedAt",
                table: "evaluations",
                columns: new[] { "MdoId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_SubjectKey_EndedAt",
                table: "evaluations",
                columns: new[] { "SubjectKey", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluations");
        }
    }
}
