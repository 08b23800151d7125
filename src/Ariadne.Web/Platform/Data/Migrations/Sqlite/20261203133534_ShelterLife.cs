using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseRulesEn",
                table: "shelters",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseRulesRu",
                table: "shelters",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ComplaintCodeHash",
                table: "placements",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conditions",
                table: "placements",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "HouseRulesAcknowledgedAt",
                table: "placements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "HouseRulesAcknowledgedBy",
                table: "placements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseRulesLanguage",
                table: "placements",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "movements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlacementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteEnc = table.Column<byte[]>(type: "BLOB", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlacementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShelterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    OutcomeEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShelterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InspectorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InspectorInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelfAssessment = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FindingsEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    FollowUpAction = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FollowUpDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowUpClosedBy = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InspectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
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
