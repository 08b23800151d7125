using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ForeignCooperation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cooperation_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SquadInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Country = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Authority = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartnerInstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Assistance = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PurposeEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DraftedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnReasonEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OutgoingReference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Reply = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReplySummaryEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    LastReminderOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cooperation_requests_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cooperation_requests_institutions_PartnerInstitutionId",
                        column: x => x.PartnerInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cooperation_requests_institutions_SquadInstitutionId",
                        column: x => x.SquadInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cooperation_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartyRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Fields = table.Column<int>(type: "integer", nullable: false),
                    QuestionEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    JustificationEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    SentValuesEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cooperation_items_cooperation_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "cooperation_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cooperation_items_criminal_file_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "criminal_file_parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cooperation_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperation_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cooperation_steps_cooperation_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "cooperation_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_items_PartyId",
                table: "cooperation_items",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_items_RequestId",
                table: "cooperation_items",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_requests_FileId_CreatedAt",
                table: "cooperation_requests",
                columns: new[] { "FileId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_requests_Number",
                table: "cooperation_requests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_requests_PartnerInstitutionId",
                table: "cooperation_requests",
                column: "PartnerInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_requests_SquadInstitutionId",
                table: "cooperation_requests",
                column: "SquadInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_requests_Status_Deadline",
                table: "cooperation_requests",
                columns: new[] { "Status", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_cooperation_steps_RequestId_RecordedAt",
                table: "cooperation_steps",
                columns: new[] { "RequestId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cooperation_items");

            migrationBuilder.DropTable(
                name: "cooperation_steps");

            migrationBuilder.DropTable(
                name: "cooperation_requests");
        }
    }
}
