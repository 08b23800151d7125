using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GrantsFollowCaseActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CaseUpdatedAt",
                table: "grants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Each grant carries its case's last activity, kept by the database so that no writer of a case can forget it: a grant
            // takes it from its case when written, and a case passes a new UpdatedAt on to its grants in the same statement.
            // (SQLite cannot change the row in a BEFORE trigger: the grant is corrected right after it is written.)
            migrationBuilder.Sql("""
                UPDATE grants SET "CaseUpdatedAt" = (SELECT c."UpdatedAt" FROM cases AS c WHERE c."Id" = grants."CaseId");
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER grant_takes_case_activity AFTER INSERT ON grants FOR EACH ROW
                BEGIN
                    UPDATE grants SET "CaseUpdatedAt" = (SELECT c."UpdatedAt" FROM cases AS c WHERE c."Id" = NEW."CaseId") WHERE "Id" = NEW."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER grant_keeps_case_activity AFTER UPDATE OF "CaseId", "CaseUpdatedAt" ON grants FOR EACH ROW
                WHEN NEW."CaseUpdatedAt" IS NOT (SELECT c."UpdatedAt" FROM cases AS c WHERE c."Id" = NEW."CaseId")
                BEGIN
                    UPDATE grants SET "CaseUpdatedAt" = (SELECT c."UpdatedAt" FROM cases AS c WHERE c."Id" = NEW."CaseId") WHERE "Id" = NEW."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER case_activity_to_grants AFTER UPDATE OF "UpdatedAt" ON cases FOR EACH ROW
                WHEN OLD."UpdatedAt" IS NOT NEW."UpdatedAt"
                BEGIN
                    UPDATE grants SET "CaseUpdatedAt" = NEW."UpdatedAt" WHERE "CaseId" = NEW."Id";
                END;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_grants_institution_activity",
                table: "grants",
                columns: new[] { "GranteeInstitutionId", "Relation", "CaseUpdatedAt", "CaseRecency" });

            migrationBuilder.CreateIndex(
                name: "ix_grants_user_activity",
                table: "grants",
                columns: new[] { "GranteeUserId", "CaseUpdatedAt", "CaseRecency" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS case_activity_to_grants;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS grant_keeps_case_activity;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS grant_takes_case_activity;");
            migrationBuilder.DropIndex(
                name: "ix_grants_institution_activity",
                table: "grants");

            migrationBuilder.DropIndex(
                name: "ix_grants_user_activity",
                table: "grants");

            migrationBuilder.DropColumn(
                name: "CaseUpdatedAt",
                table: "grants");
        }
    }
}
