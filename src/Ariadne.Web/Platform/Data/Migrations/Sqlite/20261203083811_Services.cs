using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Services : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "compensation_claims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContentEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compensation_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_compensation_claims_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_goals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TextEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_goals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_goals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OnwardReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProviderInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReferredBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_referrals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_referrals_institutions_ProviderInstitutionId",
                        column: x => x.ProviderInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_referrals_onward_referrals_OnwardReferralId",
                        column: x => x.OnwardReferralId,
                        principalTable: "onward_referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_referrals_service_goals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "service_goals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "interpreter_bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    PurposeEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    BookedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BookedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_interpreter_bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_interpreter_bookings_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_interpreter_bookings_service_referrals_ServiceReferralId",
                        column: x => x.ServiceReferralId,
                        principalTable: "service_referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedByInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HealthEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CareEnc = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_sessions", x => x.Id);
                    table.CheckConstraint("ck_service_session_one_class", "(\"HealthEnc\" IS NULL) <> (\"CareEnc\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_service_sessions_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_sessions_service_referrals_ServiceReferralId",
                        column: x => x.ServiceReferralId,
                        principalTable: "service_referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compensation_claims_CaseId_RecordedAt",
                table: "compensation_claims",
                columns: new[] { "CaseId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_interpreter_bookings_CaseId_At",
                table: "interpreter_bookings",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_interpreter_bookings_ServiceReferralId",
                table: "interpreter_bookings",
                column: "ServiceReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_service_goals_CaseId_CreatedAt",
                table: "service_goals",
                columns: new[] { "CaseId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_referrals_CaseId_ReferredAt",
                table: "service_referrals",
                columns: new[] { "CaseId", "ReferredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_referrals_GoalId",
                table: "service_referrals",
                column: "GoalId");

            migrationBuilder.CreateIndex(
                name: "IX_service_referrals_OnwardReferralId",
                table: "service_referrals",
                column: "OnwardReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_service_referrals_ProviderInstitutionId",
                table: "service_referrals",
                column: "ProviderInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_service_sessions_CaseId",
                table: "service_sessions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_service_sessions_ServiceReferralId_RecordedAt",
                table: "service_sessions",
                columns: new[] { "ServiceReferralId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compensation_claims");

            migrationBuilder.DropTable(
                name: "interpreter_bookings");

            migrationBuilder.DropTable(
                name: "service_sessions");

            migrationBuilder.DropTable(
                name: "service_referrals");

            migrationBuilder.DropTable(
                name: "service_goals");
        }
    }
}
