using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordQuarantineReplays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CorrelationId",
                table: "quarantine",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplayCode",
                table: "quarantine",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplayOutcome",
                table: "quarantine",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplayedBy",
                table: "quarantine",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CorrelationId",
                table: "quarantine");

            migrationBuilder.DropColumn(
                name: "ReplayCode",
                table: "quarantine");

            migrationBuilder.DropColumn(
                name: "ReplayOutcome",
                table: "quarantine");

            migrationBuilder.DropColumn(
                name: "ReplayedBy",
                table: "quarantine");
        }
    }
}
