using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoordinationInformationRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "information_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequesterInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Match = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    BasisReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PurposeEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RequestedClasses = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpinionDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OpinionBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpinionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpinionNoteEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionReasonEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ApprovedClasses = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LapseRecordedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: true)
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
        }
    }
}
