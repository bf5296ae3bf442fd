using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkHub.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPrivacyReviewDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DecidedAt",
                table: "privacy_reviews",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "privacy_reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedFor",
                table: "privacy_reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionNote",
                table: "privacy_reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "privacy_reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_privacy_reviews_DecidedAt",
                table: "privacy_reviews",
                column: "DecidedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_privacy_reviews_DecidedAt",
                table: "privacy_reviews");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "privacy_reviews");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "privacy_reviews");

            migrationBuilder.DropColumn(
                name: "DecidedFor",
                table: "privacy_reviews");

            migrationBuilder.DropColumn(
                name: "DecisionNote",
                table: "privacy_reviews");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "privacy_reviews");
        }
    }
}
