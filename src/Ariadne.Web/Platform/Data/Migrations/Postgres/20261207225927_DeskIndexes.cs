using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeskIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_referrals_SquadInstitutionId_Sequence",
                table: "referrals");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_desk_open",
                table: "referrals",
                columns: new[] { "SquadInstitutionId", "Sequence" },
                filter: "\"Status\" IN ('Received', 'Acknowledged')");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_SquadInstitutionId_Sequence",
                table: "referrals",
                columns: new[] { "SquadInstitutionId", "Sequence" })
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_referrals_desk_open",
                table: "referrals");

            migrationBuilder.DropIndex(
                name: "IX_referrals_SquadInstitutionId_Sequence",
                table: "referrals");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_SquadInstitutionId_Sequence",
                table: "referrals",
                columns: new[] { "SquadInstitutionId", "Sequence" });
        }
    }
}
