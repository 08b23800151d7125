using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LinkAnalysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "investigation_connection_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Target = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromEntityId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relation = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ReasonEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNoteEnc = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_investigation_connection_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "investigation_entities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ValueEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    DetailEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    Country = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    Reliability = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Handling = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    MatchKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_investigation_entities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_investigation_entities_criminal_file_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "criminal_file_parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_investigation_entities_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "investigation_entity_exports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExportedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReferenceEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Entities = table.Column<int>(type: "integer", nullable: false),
                    Links = table.Column<int>(type: "integer", nullable: false),
                    Withheld = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_investigation_entity_exports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_investigation_entity_exports_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "investigation_entity_merges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeptId = table.Column<Guid>(type: "uuid", nullable: false),
                    MergedId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_investigation_entity_merges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_investigation_entity_merges_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "investigation_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    Reliability = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Handling = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_investigation_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_investigation_links_criminal_files_FileId",
                        column: x => x.FileId,
                        principalTable: "criminal_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_investigation_links_investigation_entities_FromId",
                        column: x => x.FromId,
                        principalTable: "investigation_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_investigation_links_investigation_entities_ToId",
                        column: x => x.ToId,
                        principalTable: "investigation_entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_connection_requests_OwnerInstitutionId_Status",
                table: "investigation_connection_requests",
                columns: new[] { "OwnerInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_connection_requests_RequestedBy_RequestedAt",
                table: "investigation_connection_requests",
                columns: new[] { "RequestedBy", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_connection_requests_TargetId_RequestedBy_Stat~",
                table: "investigation_connection_requests",
                columns: new[] { "TargetId", "RequestedBy", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_entities_FileId",
                table: "investigation_entities",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_investigation_entities_MatchKey",
                table: "investigation_entities",
                column: "MatchKey");

            migrationBuilder.CreateIndex(
                name: "IX_investigation_entities_PartyId",
                table: "investigation_entities",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_investigation_entity_exports_FileId_ExportedAt",
                table: "investigation_entity_exports",
                columns: new[] { "FileId", "ExportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_entity_merges_FileId_ConfirmedAt",
                table: "investigation_entity_merges",
                columns: new[] { "FileId", "ConfirmedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_entity_merges_MergedId",
                table: "investigation_entity_merges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_investigation_links_FileId",
                table: "investigation_links",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_investigation_links_FromId",
                table: "investigation_links",
                column: "FromId");

            migrationBuilder.CreateIndex(
                name: "IX_investigation_links_ToId",
                table: "investigation_links",
                column: "ToId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "investigation_connection_requests");

            migrationBuilder.DropTable(
                name: "investigation_entity_exports");

            migrationBuilder.DropTable(
                name: "investigation_entity_merges");

            migrationBuilder.DropTable(
                name: "investigation_links");

            migrationBuilder.DropTable(
                name: "investigation_entities");
        }
    }
}
