using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GrantsFollowCaseActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CaseUpdatedAt",
                table: "grants",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Each grant carries its case's last activity, kept by the database so that no writer of a case can forget it: a grant
            // takes it from its case when written, and a case passes a new UpdatedAt on to its grants in the same statement.
            // The case's trigger comes first: creating it locks out updates of cases until this migration commits, so none can
            // slip between the copy below and the trigger (the migration is downtime; docs/operations.md).
            migrationBuilder.Sql("""
                CREATE FUNCTION case_activity_to_grants() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE grants SET "CaseUpdatedAt" = NEW."UpdatedAt" WHERE "CaseId" = NEW."Id";
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER case_activity_to_grants AFTER UPDATE OF "UpdatedAt" ON cases
                    FOR EACH ROW WHEN (OLD."UpdatedAt" IS DISTINCT FROM NEW."UpdatedAt") EXECUTE FUNCTION case_activity_to_grants();
                """);
            migrationBuilder.Sql("""
                UPDATE grants AS g SET "CaseUpdatedAt" = c."UpdatedAt" FROM cases AS c WHERE c."Id" = g."CaseId";
                """);
            // FOR SHARE: a grant written while its case is being changed waits for that change and takes the new value; a change
            // of the case waits for the grant's transaction and then updates it too. Without the lock, a grant written beside an
            // uncommitted change kept the old value (read committed: neither transaction saw the other's row).
            migrationBuilder.Sql("""
                CREATE FUNCTION grant_takes_case_activity() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."CaseUpdatedAt" := (SELECT c."UpdatedAt" FROM cases AS c WHERE c."Id" = NEW."CaseId" FOR SHARE);
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER grant_takes_case_activity BEFORE INSERT OR UPDATE OF "CaseId", "CaseUpdatedAt" ON grants
                    FOR EACH ROW EXECUTE FUNCTION grant_takes_case_activity();
                """);

            migrationBuilder.CreateIndex(
                name: "ix_grants_institution_activity",
                table: "grants",
                columns: new[] { "GranteeInstitutionId", "Relation", "CaseUpdatedAt", "CaseRecency" })
                .Annotation("Npgsql:IndexInclude", new[] { "CaseId", "RevokedAt", "ValidFrom", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "ix_grants_user_activity",
                table: "grants",
                columns: new[] { "GranteeUserId", "CaseUpdatedAt", "CaseRecency" })
                .Annotation("Npgsql:IndexInclude", new[] { "CaseId", "RevokedAt", "ValidFrom", "ValidUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS case_activity_to_grants ON cases;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS case_activity_to_grants();");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS grant_takes_case_activity ON grants;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS grant_takes_case_activity();");
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
