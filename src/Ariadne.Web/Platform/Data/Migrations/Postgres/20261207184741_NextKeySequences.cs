using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NextKeySequences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The "next" keys drawn without the writers' lock (NextKeys): a case's recency and a referral's place on the desk,
            // started past every existing value and past now, so that the keys go on increasing from the ones already given.
            // Written out (not NextKeys.CatchUpSql) so that this migration stays what it was when it was applied.
            migrationBuilder.Sql("CREATE SEQUENCE case_recency AS bigint;");
            migrationBuilder.Sql("""
                SELECT setval('case_recency', GREATEST(COALESCE((SELECT MAX("Recency") FROM cases), 0) + 1,
                    (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint), false);
                """);
            migrationBuilder.Sql("CREATE SEQUENCE referral_sequence AS bigint;");
            migrationBuilder.Sql("""
                SELECT setval('referral_sequence', GREATEST(COALESCE((SELECT MAX("Sequence") FROM referrals), 0) + 1,
                    (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint), false);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SEQUENCE IF EXISTS case_recency;");
            migrationBuilder.Sql("DROP SEQUENCE IF EXISTS referral_sequence;");
        }
    }
}
