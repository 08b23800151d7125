using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Repatriation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClosureOutcome",
                table: "cases",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "repatriations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PartnerInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContentEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DocumentNumbersEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SharedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SharedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repatriations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_repatriations_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_repatriations_institutions_PartnerInstitutionId",
                        column: x => x.PartnerInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "retrafficking_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Indicators = table.Column<int>(type: "INTEGER", nullable: false),
                    ObservedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NoteEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedByInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retrafficking_flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_retrafficking_flags_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "witness_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HeldByInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReferenceEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_witness_measures", x => x.Id);
                    table.CheckConstraint("ck_witness_measure_held_by", "(\"Kind\" = 'Relocation') = (\"HeldByInstitutionId\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_witness_measures_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_witness_measures_institutions_HeldByInstitutionId",
                        column: x => x.HeldByInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_repatriations_CaseId",
                table: "repatriations",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_repatriations_PartnerInstitutionId",
                table: "repatriations",
                column: "PartnerInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_retrafficking_flags_CaseId_RecordedAt",
                table: "retrafficking_flags",
                columns: new[] { "CaseId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_retrafficking_flags_ClosedAt",
                table: "retrafficking_flags",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_witness_measures_CaseId_RecordedAt",
                table: "witness_measures",
                columns: new[] { "CaseId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_witness_measures_HeldByInstitutionId",
                table: "witness_measures",
                column: "HeldByInstitutionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "repatriations");

            migrationBuilder.DropTable(
                name: "retrafficking_flags");

            migrationBuilder.DropTable(
                name: "witness_measures");

            migrationBuilder.DropColumn(
                name: "ClosureOutcome",
                table: "cases");
        }
    }
}
