using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ctdc_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DataRows = table.Column<int>(type: "integer", nullable: false),
                    Imported = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Warnings = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ctdc_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "htcds_case_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Pseudonym = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Exploitation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IdentifiedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IdentificationYear = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_htcds_case_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_htcds_case_links_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stat_facts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Subject = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Sex = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    AgeBand = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Citizenship = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Exploitation = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    Country = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Region = table.Column<int>(type: "integer", nullable: true),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: true),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    InstitutionKind = table.Column<int>(type: "integer", nullable: true),
                    RecordKey = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stat_facts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stat_release_cuts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReleaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TableCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    Hidden = table.Column<string>(type: "text", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stat_release_cuts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stat_releases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PeriodKind = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Tables = table.Column<string>(type: "text", nullable: false),
                    HiddenCells = table.Column<int>(type: "integer", nullable: false),
                    CarriedCells = table.Column<int>(type: "integer", nullable: false),
                    DraftedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DraftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DiscardedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DiscardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stat_releases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ctdc_reference_counts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    Sex = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    AgeBand = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Majority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Citizenship = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Country = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Exploitation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ctdc_reference_counts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ctdc_reference_counts_ctdc_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "ctdc_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ctdc_imports_Sha256",
                table: "ctdc_imports",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ctdc_reference_counts_ImportId_Year",
                table: "ctdc_reference_counts",
                columns: new[] { "ImportId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_htcds_case_links_CaseId",
                table: "htcds_case_links",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_htcds_case_links_Pseudonym",
                table: "htcds_case_links",
                column: "Pseudonym",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stat_facts_Subject_Month",
                table: "stat_facts",
                columns: new[] { "Subject", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_stat_release_cuts_ReleaseId",
                table: "stat_release_cuts",
                column: "ReleaseId");

            migrationBuilder.CreateIndex(
                name: "IX_stat_release_cuts_TableCode_From",
                table: "stat_release_cuts",
                columns: new[] { "TableCode", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_stat_releases_Number",
                table: "stat_releases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stat_releases_PeriodKind_Year_Status",
                table: "stat_releases",
                columns: new[] { "PeriodKind", "Year", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ctdc_reference_counts");

            migrationBuilder.DropTable(
                name: "htcds_case_links");

            migrationBuilder.DropTable(
                name: "stat_facts");

            migrationBuilder.DropTable(
                name: "stat_release_cuts");

            migrationBuilder.DropTable(
                name: "stat_releases");

            migrationBuilder.DropTable(
                name: "ctdc_imports");
        }
    }
}
