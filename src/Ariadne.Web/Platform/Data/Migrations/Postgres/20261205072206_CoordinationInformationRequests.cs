using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoordinationInformationRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Relation",
                table: "audit_events",
                type: "character varying(140)",
                maxLength: 140,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(121)",
                oldMaxLength: 121,
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "information_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Match = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    BasisReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PurposeEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    RequestedClasses = table.Column<int>(type: "integer", nullable: false),
                    RequestedDays = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpinionDue = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Opinion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OpinionBy = table.Column<Guid>(type: "uuid", nullable: true),
                    OpinionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpinionNoteEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionReasonEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    ApprovedClasses = table.Column<int>(type: "integer", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LapseRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_information_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_information_requests_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_information_requests_institutions_RequesterInstitutionId",
                        column: x => x.RequesterInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "information_request_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_information_request_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_information_request_steps_information_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "information_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_information_request_steps_RequestId_At",
                table: "information_request_steps",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_CaseId",
                table: "information_requests",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_Number",
                table: "information_requests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_RequestedBy_SubmittedAt",
                table: "information_requests",
                columns: new[] { "RequestedBy", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_RequesterInstitutionId",
                table: "information_requests",
                column: "RequesterInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_Status_SubmittedAt",
                table: "information_requests",
                columns: new[] { "Status", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "information_request_steps");

            migrationBuilder.DropTable(
                name: "information_requests");

            migrationBuilder.AlterColumn<string>(
                name: "Relation",
                table: "audit_events",
                type: "character varying(121)",
                maxLength: 121,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(140)",
                oldMaxLength: 140,
                oldNullable: true);
        }
    }
}
