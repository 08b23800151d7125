using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Accommodation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "shelters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Ownership = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Languages = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddressEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shelters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_shelters_data_keys_DataKeyId",
                        column: x => x.DataKeyId,
                        principalTable: "data_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_shelters_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "beds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShelterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Restriction = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OutOfService = table.Column<bool>(type: "boolean", nullable: false),
                    HeldUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HeldByInstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    HeldByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_beds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_beds_shelters_ShelterId",
                        column: x => x.ShelterId,
                        principalTable: "shelters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "placements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShelterId = table.Column<Guid>(type: "uuid", nullable: false),
                    BedId = table.Column<Guid>(type: "uuid", nullable: false),
                    AdmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AdmittedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DischargedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DischargedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Destination = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    FollowUpConsent = table.Column<bool>(type: "boolean", nullable: true),
                    NotesEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_placements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_placements_beds_BedId",
                        column: x => x.BedId,
                        principalTable: "beds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_placements_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_placements_shelters_ShelterId",
                        column: x => x.ShelterId,
                        principalTable: "shelters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_beds_ShelterId_Label",
                table: "beds",
                columns: new[] { "ShelterId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_placements_ShelterId_DischargedAt",
                table: "placements",
                columns: new[] { "ShelterId", "DischargedAt" });

            migrationBuilder.CreateIndex(
                name: "ux_placement_open_bed",
                table: "placements",
                column: "BedId",
                unique: true,
                filter: "\"DischargedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_placement_open_case",
                table: "placements",
                column: "CaseId",
                unique: true,
                filter: "\"DischargedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_shelters_DataKeyId",
                table: "shelters",
                column: "DataKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_shelters_InstitutionId_Name",
                table: "shelters",
                columns: new[] { "InstitutionId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "placements");

            migrationBuilder.DropTable(
                name: "beds");

            migrationBuilder.DropTable(
                name: "shelters");
        }
    }
}
