using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Chain",
                table: "audit_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Position",
                table: "audit_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Heads",
                table: "audit_checkpoints",
                type: "BLOB",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Chain_Position",
                table: "audit_events",
                columns: new[] { "Chain", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_events_Chain_Position",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "Chain",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "Heads",
                table: "audit_checkpoints");
        }
    }
}
