using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LinkAnalysisMergeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_investigation_entities_MergedIntoId",
                table: "investigation_entities",
                column: "MergedIntoId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_investigation_entities_MergedIntoId",
                table: "investigation_entities");
        }
    }
}
