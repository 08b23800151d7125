using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScreeningNeedsReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "NeedsReview",
                table: "screenings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Every screening saved so far was saved while labels could tick another dimension's
            // indicator: which ticks were meant cannot be known, so the officer reviews them.
            migrationBuilder.Sql("UPDATE screenings SET \"NeedsReview\" = TRUE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NeedsReview",
                table: "screenings");
        }
    }
}
