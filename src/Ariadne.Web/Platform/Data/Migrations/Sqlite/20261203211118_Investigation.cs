using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Investigation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "criminal_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OfficialNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OwnerInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadInvestigatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TitleEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SummaryEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criminal_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_criminal_files_institutions_OwnerInstitutionId",
                        column: x => x.OwnerInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "criminal_file_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GranteeUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GranteeInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ValidFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    GrantedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criminal_file_grants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_criminal_file_grants_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "criminal_file_offences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criminal_file_offences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_criminal_file_offences_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "criminal_file_parties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NameEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DetailEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Citizenship = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    SentenceMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criminal_file_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_criminal_file_parties_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "criminal_file_stages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedByInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourtInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NoteEnc = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criminal_file_stages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_criminal_file_stages_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DescriptionEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    FileNameEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimestampSignature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SigningKeyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HolderUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustodyCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evidence_items_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "criminal_file_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OrderedBy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoteEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criminal_file_measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_criminal_file_measures_criminal_file_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "criminal_file_parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "criminal_file_non_punishment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OffenceEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criminal_file_non_punishment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_criminal_file_non_punishment_criminal_file_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "criminal_file_parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_contents",
                columns: table => new
                {
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentEnc = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_contents", x => x.ItemId);
                    table.ForeignKey(
                        name: "FK_evidence_contents_evidence_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "evidence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_custody_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReasonEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    HashMatched = table.Column<bool>(type: "INTEGER", nullable: false),
                    PreviousHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_custody_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evidence_custody_events_evidence_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "evidence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_grants_FileId",
                table: "criminal_file_grants",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_grants_GranteeInstitutionId_FileId",
                table: "criminal_file_grants",
                columns: new[] { "GranteeInstitutionId", "FileId" });

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_grants_GranteeUserId_FileId",
                table: "criminal_file_grants",
                columns: new[] { "GranteeUserId", "FileId" });

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_measures_FileId",
                table: "criminal_file_measures",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_measures_PartyId",
                table: "criminal_file_measures",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_non_punishment_Decision",
                table: "criminal_file_non_punishment",
                column: "Decision");

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_non_punishment_FileId",
                table: "criminal_file_non_punishment",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_non_punishment_PartyId",
                table: "criminal_file_non_punishment",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_offences_FileId_Code",
                table: "criminal_file_offences",
                columns: new[] { "FileId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_parties_CaseId",
                table: "criminal_file_parties",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_parties_FileId_Role",
                table: "criminal_file_parties",
                columns: new[] { "FileId", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_criminal_file_stages_FileId_RecordedAt",
                table: "criminal_file_stages",
                columns: new[] { "FileId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_criminal_files_Number",
                table: "criminal_files",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_criminal_files_OwnerInstitutionId_UpdatedAt",
                table: "criminal_files",
                columns: new[] { "OwnerInstitutionId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_custody_events_ItemId_Sequence",
                table: "evidence_custody_events",
                columns: new[] { "ItemId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evidence_items_FileId",
                table: "evidence_items",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_items_Number",
                table: "evidence_items",
                column: "Number",
                unique: true);

            // The chain of custody is append-only, whatever the connection: no UPDATE, no DELETE.
            migrationBuilder.Sql("CREATE TRIGGER evidence_custody_events_no_update BEFORE UPDATE ON evidence_custody_events BEGIN SELECT RAISE(ABORT, 'evidence_custody_events is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER evidence_custody_events_no_delete BEFORE DELETE ON evidence_custody_events BEGIN SELECT RAISE(ABORT, 'evidence_custody_events is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_custody_events_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS evidence_custody_events_no_delete;");
            migrationBuilder.DropTable(
                name: "criminal_file_grants");

            migrationBuilder.DropTable(
                name: "criminal_file_measures");

            migrationBuilder.DropTable(
                name: "criminal_file_non_punishment");

            migrationBuilder.DropTable(
                name: "criminal_file_offences");

            migrationBuilder.DropTable(
                name: "criminal_file_stages");

            migrationBuilder.DropTable(
                name: "evidence_contents");

            migrationBuilder.DropTable(
                name: "evidence_custody_events");

            migrationBuilder.DropTable(
                name: "criminal_file_parties");

            migrationBuilder.DropTable(
                name: "evidence_items");

            migrationBuilder.DropTable(
                name: "criminal_files");
        }
    }
}
