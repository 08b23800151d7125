using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ResponsibleUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponsibleInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Reached = table.Column<bool>(type: "boolean", nullable: true),
                    Situation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RetraffickingRisk = table.Column<bool>(type: "boolean", nullable: true),
                    NotesEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_follow_ups_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_follow_ups_placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_CaseId",
                table: "follow_ups",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_DoneAt_EscalatedAt_DueOn",
                table: "follow_ups",
                columns: new[] { "DoneAt", "EscalatedAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_PlacementId_Month",
                table: "follow_ups",
                columns: new[] { "PlacementId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_ResponsibleUserId_DoneAt_DueOn",
                table: "follow_ups",
                columns: new[] { "ResponsibleUserId", "DoneAt", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follow_ups");
        }
    }
}
