using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GrantsCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_grants_GranteeInstitutionId_Relation_CaseRecency",
                table: "grants");

            migrationBuilder.DropIndex(
                name: "IX_grants_GranteeUserId_CaseRecency",
                table: "grants");

            migrationBuilder.CreateIndex(
                name: "IX_grants_GranteeInstitutionId_Relation_CaseRecency",
                table: "grants",
                columns: new[] { "GranteeInstitutionId", "Relation", "CaseRecency" })
                .Annotation("Npgsql:IndexInclude", new[] { "CaseId", "RevokedAt", "ValidFrom", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_grants_GranteeUserId_CaseRecency",
                table: "grants",
                columns: new[] { "GranteeUserId", "CaseRecency" })
                .Annotation("Npgsql:IndexInclude", new[] { "CaseId", "RevokedAt", "ValidFrom", "ValidUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_grants_GranteeInstitutionId_Relation_CaseRecency",
                table: "grants");

            migrationBuilder.DropIndex(
                name: "IX_grants_GranteeUserId_CaseRecency",
                table: "grants");

            migrationBuilder.CreateIndex(
                name: "IX_grants_GranteeInstitutionId_Relation_CaseRecency",
                table: "grants",
                columns: new[] { "GranteeInstitutionId", "Relation", "CaseRecency" });

            migrationBuilder.CreateIndex(
                name: "IX_grants_GranteeUserId_CaseRecency",
                table: "grants",
                columns: new[] { "GranteeUserId", "CaseRecency" });
        }
    }
}
