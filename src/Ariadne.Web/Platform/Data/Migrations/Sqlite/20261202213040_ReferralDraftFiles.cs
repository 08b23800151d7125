using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralDraftFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "referral_draft_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    NameEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ContentEnc = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsumedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral_draft_files", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_referral_draft_files_CreatedAt",
                table: "referral_draft_files",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_referral_draft_files_OwnerUserId_SubmissionId",
                table: "referral_draft_files",
                columns: new[] { "OwnerUserId", "SubmissionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "referral_draft_files");
        }
    }
}
