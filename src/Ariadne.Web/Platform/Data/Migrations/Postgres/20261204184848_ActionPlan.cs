using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActionPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TitleAz = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TitleRu = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SourceAz = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SourceRu = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SourceEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FirstYear = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plan_recommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Body = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_recommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plan_objectives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    TitleAz = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TitleRu = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_objectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_objectives_action_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "action_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ObjectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    TitleAz = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    TitleRu = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ResponsibleInstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    BudgetLine = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    IndicatorAz = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IndicatorRu = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IndicatorEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Baseline = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Target = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Computed = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_measures_institutions_ResponsibleInstitutionId",
                        column: x => x.ResponsibleInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plan_measures_plan_objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "plan_objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_indicator_actuals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeasureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_indicator_actuals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_indicator_actuals_plan_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "plan_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_measure_partners",
                columns: table => new
                {
                    MeasureId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_measure_partners", x => new { x.MeasureId, x.InstitutionId });
                    table.ForeignKey(
                        name: "FK_plan_measure_partners_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plan_measure_partners_plan_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "plan_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_measure_status_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeasureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Reference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ChangedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangedByInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_measure_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_measure_status_changes_plan_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "plan_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_recommendation_measures",
                columns: table => new
                {
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeasureId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_recommendation_measures", x => new { x.RecommendationId, x.MeasureId });
                    table.ForeignKey(
                        name: "FK_plan_recommendation_measures_plan_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "plan_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plan_recommendation_measures_plan_recommendations_Recommend~",
                        column: x => x.RecommendationId,
                        principalTable: "plan_recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_plans_Code",
                table: "action_plans",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_indicator_actuals_MeasureId_Year",
                table: "plan_indicator_actuals",
                columns: new[] { "MeasureId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_measure_partners_InstitutionId",
                table: "plan_measure_partners",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_measure_status_changes_MeasureId_Version",
                table: "plan_measure_status_changes",
                columns: new[] { "MeasureId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_measures_ObjectiveId_Code",
                table: "plan_measures",
                columns: new[] { "ObjectiveId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_measures_ResponsibleInstitutionId_Deadline",
                table: "plan_measures",
                columns: new[] { "ResponsibleInstitutionId", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_objectives_PlanId_Code",
                table: "plan_objectives",
                columns: new[] { "PlanId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_recommendation_measures_MeasureId",
                table: "plan_recommendation_measures",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_recommendations_Body_Reference",
                table: "plan_recommendations",
                columns: new[] { "Body", "Reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_indicator_actuals");

            migrationBuilder.DropTable(
                name: "plan_measure_partners");

            migrationBuilder.DropTable(
                name: "plan_measure_status_changes");

            migrationBuilder.DropTable(
                name: "plan_recommendation_measures");

            migrationBuilder.DropTable(
                name: "plan_measures");

            migrationBuilder.DropTable(
                name: "plan_recommendations");

            migrationBuilder.DropTable(
                name: "plan_objectives");

            migrationBuilder.DropTable(
                name: "action_plans");
        }
    }
}
