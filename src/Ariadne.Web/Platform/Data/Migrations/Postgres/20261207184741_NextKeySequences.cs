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
            foreach (var sequence in new[] { NextKeys.Sequence.CaseRecency, NextKeys.Sequence.ReferralSequence })
            {
                migrationBuilder.Sql($"CREATE SEQUENCE {NextKeys.NameOf(sequence)} AS bigint;");
                migrationBuilder.Sql(NextKeys.CatchUpSql(sequence) + ";");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP SEQUENCE IF EXISTS {NextKeys.NameOf(NextKeys.Sequence.CaseRecency)};");
            migrationBuilder.Sql($"DROP SEQUENCE IF EXISTS {NextKeys.NameOf(NextKeys.Sequence.ReferralSequence)};");
        }
    }
}
