using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HelplineListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_helpline_contacts_InstitutionId_ReceivedAt",
                table: "helpline_contacts",
                columns: new[] { "InstitutionId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_contacts_InstitutionId_UpdatedAt",
                table: "helpline_contacts",
                columns: new[] { "InstitutionId", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_helpline_contacts_InstitutionId_ReceivedAt",
                table: "helpline_contacts");

            migrationBuilder.DropIndex(
                name: "IX_helpline_contacts_InstitutionId_UpdatedAt",
                table: "helpline_contacts");
        }
    }
}
