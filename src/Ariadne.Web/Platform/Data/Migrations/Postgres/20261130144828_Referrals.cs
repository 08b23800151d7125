using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Referrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ReflectionEndsOn",
                table: "cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReflectionStartsOn",
                table: "cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "SafetyPlanEnc",
                table: "cases",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraffickingStatus",
                table: "cases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Possible"); // existing cases are possible victims until decided (edited: EF would write "")

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecipientInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Form = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_consents_institutions_RecipientInstitutionId",
                        column: x => x.RecipientInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "identification_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Body = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    DecidingInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SupersedesId = table.Column<Guid>(type: "uuid", nullable: true),
                    RationaleEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identification_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identification_decisions_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "onward_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relation = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Share = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RespondedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: true),
                    NoteEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_onward_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_onward_referrals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_onward_referrals_institutions_RecipientInstitutionId",
                        column: x => x.RecipientInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SquadInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferringInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferredBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ImmediateDanger = table.Column<bool>(type: "boolean", nullable: false),
                    NeedsInterpreter = table.Column<bool>(type: "boolean", nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    Child = table.Column<bool>(type: "boolean", nullable: false),
                    Consent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AcknowledgeBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    DocumentNumberIndex = table.Column<byte[]>(type: "bytea", nullable: true),
                    PhoneIndex = table.Column<byte[]>(type: "bytea", nullable: true),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_referrals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_referrals_data_keys_DataKeyId",
                        column: x => x.DataKeyId,
                        principalTable: "data_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_referrals_institutions_ReferringInstitutionId",
                        column: x => x.ReferringInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_referrals_institutions_SquadInstitutionId",
                        column: x => x.SquadInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_assessments_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "screenings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screenings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_screenings_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referral_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    NameEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    ContentEnc = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_referral_files_referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_consents_CaseId",
                table: "consents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_consents_RecipientInstitutionId",
                table: "consents",
                column: "RecipientInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_identification_decisions_CaseId_RecordedAt",
                table: "identification_decisions",
                columns: new[] { "CaseId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_onward_referrals_CaseId",
                table: "onward_referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_onward_referrals_RecipientInstitutionId_Status",
                table: "onward_referrals",
                columns: new[] { "RecipientInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "ux_onward_open",
                table: "onward_referrals",
                columns: new[] { "CaseId", "RecipientInstitutionId", "Relation" },
                unique: true,
                filter: "\"Status\" IN ('Pending', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "IX_referral_files_ReferralId",
                table: "referral_files",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_AcknowledgedAt_AcknowledgeBy",
                table: "referrals",
                columns: new[] { "AcknowledgedAt", "AcknowledgeBy" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_CaseId",
                table: "referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_DataKeyId",
                table: "referrals",
                column: "DataKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_DocumentNumberIndex",
                table: "referrals",
                column: "DocumentNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_Number",
                table: "referrals",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_referrals_PhoneIndex",
                table: "referrals",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_ReferringInstitutionId_Sequence",
                table: "referrals",
                columns: new[] { "ReferringInstitutionId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_Sequence",
                table: "referrals",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_referrals_SquadInstitutionId_Sequence",
                table: "referrals",
                columns: new[] { "SquadInstitutionId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_assessments_CaseId_RecordedAt",
                table: "risk_assessments",
                columns: new[] { "CaseId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_screenings_CaseId_RecordedAt",
                table: "screenings",
                columns: new[] { "CaseId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "identification_decisions");

            migrationBuilder.DropTable(
                name: "onward_referrals");

            migrationBuilder.DropTable(
                name: "referral_files");

            migrationBuilder.DropTable(
                name: "risk_assessments");

            migrationBuilder.DropTable(
                name: "screenings");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropColumn(
                name: "ReflectionEndsOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ReflectionStartsOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "SafetyPlanEnc",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "TraffickingStatus",
                table: "cases");
        }
    }
}
