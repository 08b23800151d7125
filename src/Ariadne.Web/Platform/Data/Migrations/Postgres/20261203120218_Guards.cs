using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Guards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidUntil",
                table: "training_records",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PlacementConfirmedAt",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "AliasEnc",
                table: "placements",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "guard_shifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShelterId = table.Column<Guid>(type: "uuid", nullable: false),
                    GuardUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guard_shifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_guard_shifts_AspNetUsers_GuardUserId",
                        column: x => x.GuardUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_guard_shifts_shelters_ShelterId",
                        column: x => x.ShelterId,
                        principalTable: "shelters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "transport_handovers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShelterId = table.Column<Guid>(type: "uuid", nullable: false),
                    BedId = table.Column<Guid>(type: "uuid", nullable: false),
                    EscortInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingPointEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    AliasEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    CodeHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transport_handovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_transport_handovers_beds_BedId",
                        column: x => x.BedId,
                        principalTable: "beds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_transport_handovers_institutions_EscortInstitutionId",
                        column: x => x.EscortInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_transport_handovers_shelters_ShelterId",
                        column: x => x.ShelterId,
                        principalTable: "shelters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guard_shifts_GuardUserId_StartsAt",
                table: "guard_shifts",
                columns: new[] { "GuardUserId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_guard_shifts_ShelterId_StartsAt",
                table: "guard_shifts",
                columns: new[] { "ShelterId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_transport_handovers_BedId",
                table: "transport_handovers",
                column: "BedId");

            migrationBuilder.CreateIndex(
                name: "IX_transport_handovers_EscortInstitutionId",
                table: "transport_handovers",
                column: "EscortInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_transport_handovers_ShelterId_ConfirmedAt",
                table: "transport_handovers",
                columns: new[] { "ShelterId", "ConfirmedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guard_shifts");

            migrationBuilder.DropTable(
                name: "transport_handovers");

            migrationBuilder.DropColumn(
                name: "ValidUntil",
                table: "training_records");

            migrationBuilder.DropColumn(
                name: "PlacementConfirmedAt",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "AliasEnc",
                table: "placements");
        }
    }
}
