using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NeedToKnow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TreeSize = table.Column<long>(type: "INTEGER", nullable: false),
                    RootHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PreviousHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "data_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "BLOB", nullable: true),
                    MasterKeyId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DestroyedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecipientInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecipientRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    BreakGlassId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GivenNameEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    FamilyNameEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PatronymicEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DateOfBirthEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SexEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CitizenshipEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    LanguagesEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DocumentNumberEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DocumentNumberIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PhoneEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PhoneIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    AddressEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    WhereaboutsEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    HealthEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ErasedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.Id);
                    table.ForeignKey(
                        name: "FK_people_data_keys_DataKeyId",
                        column: x => x.DataKeyId,
                        principalTable: "data_keys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ResponsibleInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsMinor = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recency = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SituationEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    LegalEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CareEnc = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cases_institutions_ResponsibleInstitutionId",
                        column: x => x.ResponsibleInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cases_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "break_glass",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExplanationEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Justified = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_break_glass", x => x.Id);
                    table.ForeignKey(
                        name: "FK_break_glass_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseRecency = table.Column<long>(type: "INTEGER", nullable: false),
                    GranteeUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GranteeInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Read = table.Column<int>(type: "INTEGER", nullable: false),
                    Write = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    GrantedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_grants", x => x.Id);
                    table.CheckConstraint("ck_grants_one_grantee", "(\"GranteeUserId\" IS NULL) <> (\"GranteeInstitutionId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_grants_AspNetUsers_GranteeUserId",
                        column: x => x.GranteeUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_grants_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_grants_institutions_GranteeInstitutionId",
                        column: x => x.GranteeInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_ActorUserId_Sequence",
                table: "audit_events",
                columns: new[] { "ActorUserId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_CaseId_Sequence",
                table: "audit_events",
                columns: new[] { "CaseId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_break_glass_CaseId",
                table: "break_glass",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_break_glass_ReviewedAt",
                table: "break_glass",
                column: "ReviewedAt");

            migrationBuilder.CreateIndex(
                name: "IX_break_glass_UserId_ExpiresAt",
                table: "break_glass",
                columns: new[] { "UserId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Number",
                table: "cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_PersonId",
                table: "cases",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Recency",
                table: "cases",
                column: "Recency",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_ResponsibleInstitutionId",
                table: "cases",
                column: "ResponsibleInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_grants_CaseId",
                table: "grants",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_grants_GranteeInstitutionId_Relation_CaseRecency",
                table: "grants",
                columns: new[] { "GranteeInstitutionId", "Relation", "CaseRecency" });

            migrationBuilder.CreateIndex(
                name: "IX_grants_GranteeUserId_CaseRecency",
                table: "grants",
                columns: new[] { "GranteeUserId", "CaseRecency" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_RecipientInstitutionId",
                table: "notifications",
                column: "RecipientInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_RecipientUserId",
                table: "notifications",
                column: "RecipientUserId");

            migrationBuilder.CreateIndex(
                name: "IX_people_DataKeyId",
                table: "people",
                column: "DataKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_people_DocumentNumberIndex",
                table: "people",
                column: "DocumentNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_people_PhoneIndex",
                table: "people",
                column: "PhoneIndex");

            // The audit trail is append-only, whatever the connection: no UPDATE, no DELETE.
            foreach (var table in new[] { "audit_events", "audit_checkpoints" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "audit_events", "audit_checkpoints" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_update;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete;");
            }

            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "break_glass");

            migrationBuilder.DropTable(
                name: "grants");

            migrationBuilder.DropTable(
                name: "job_leases");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "data_keys");
        }
    }
}
