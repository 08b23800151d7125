using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeskIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_referrals_desk_open",
                table: "referrals",
                columns: new[] { "SquadInstitutionId", "Sequence" },
                filter: "\"Status\" IN ('Received', 'Acknowledged')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_referrals_desk_open",
                table: "referrals");
        }
    }
}
