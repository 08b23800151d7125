using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Position",
                table: "audit_events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Heads",
                table: "audit_checkpoints",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Chain_Position",
                table: "audit_events",
                columns: new[] { "Chain", "Position" },
                unique: true);

            // The global number of events, drawn under a chain's lock (AuditTrail.NumberSequence), continuing after the events already written.
            migrationBuilder.Sql("CREATE SEQUENCE audit_event_numbers AS bigint START WITH 1;");
            migrationBuilder.Sql("SELECT setval('audit_event_numbers', COALESCE((SELECT MAX(\"Sequence\") FROM audit_events), 0) + 1, false);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SEQUENCE IF EXISTS audit_event_numbers;");

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
