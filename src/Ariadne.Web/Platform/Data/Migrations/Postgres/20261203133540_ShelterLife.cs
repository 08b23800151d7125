using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ShelterLife : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HouseRulesAz",
                table: "shelters",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseRulesEn",
                table: "shelters",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseRulesRu",
                table: "shelters",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ComplaintCodeHash",
                table: "placements",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conditions",
                table: "placements",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HouseRulesAcknowledgedAt",
                table: "placements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "HouseRulesAcknowledgedBy",
                table: "placements",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseRulesLanguage",
                table: "placements",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "movements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_movements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_movements_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_movements_placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resident_complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlacementId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShelterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    TextEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    OutcomeEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resident_complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resident_complaints_data_keys_DataKeyId",
                        column: x => x.DataKeyId,
                        principalTable: "data_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resident_complaints_placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resident_complaints_shelters_ShelterId",
                        column: x => x.ShelterId,
                        principalTable: "shelters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "shelter_inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShelterId = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    InspectorUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectorInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SelfAssessment = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FindingsEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    FollowUpAction = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FollowUpDue = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FollowUpClosedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shelter_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_shelter_inspections_shelters_ShelterId",
                        column: x => x.ShelterId,
                        principalTable: "shelters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Condition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_items_shelter_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "shelter_inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ux_placement_complaint_code",
                table: "placements",
                column: "ComplaintCodeHash",
                unique: true,
                filter: "\"ComplaintCodeHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_items_InspectionId_Condition",
                table: "inspection_items",
                columns: new[] { "InspectionId", "Condition" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_movements_CaseId",
                table: "movements",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_movements_PlacementId_At",
                table: "movements",
                columns: new[] { "PlacementId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_resident_complaints_DataKeyId",
                table: "resident_complaints",
                column: "DataKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_resident_complaints_PlacementId",
                table: "resident_complaints",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_resident_complaints_ShelterId",
                table: "resident_complaints",
                column: "ShelterId");

            migrationBuilder.CreateIndex(
                name: "IX_resident_complaints_Status_ReceivedAt",
                table: "resident_complaints",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_shelter_inspections_ShelterId_InspectedOn",
                table: "shelter_inspections",
                columns: new[] { "ShelterId", "InspectedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_items");

            migrationBuilder.DropTable(
                name: "movements");

            migrationBuilder.DropTable(
                name: "resident_complaints");

            migrationBuilder.DropTable(
                name: "shelter_inspections");

            migrationBuilder.DropIndex(
                name: "ux_placement_complaint_code",
                table: "placements");

            migrationBuilder.DropColumn(
                name: "HouseRulesAz",
                table: "shelters");

            migrationBuilder.DropColumn(
                name: "HouseRulesEn",
                table: "shelters");

            migrationBuilder.DropColumn(
                name: "HouseRulesRu",
                table: "shelters");

            migrationBuilder.DropColumn(
                name: "ComplaintCodeHash",
                table: "placements");

            migrationBuilder.DropColumn(
                name: "Conditions",
                table: "placements");

            migrationBuilder.DropColumn(
                name: "HouseRulesAcknowledgedAt",
                table: "placements");

            migrationBuilder.DropColumn(
                name: "HouseRulesAcknowledgedBy",
                table: "placements");

            migrationBuilder.DropColumn(
                name: "HouseRulesLanguage",
                table: "placements");
        }
    }
}
