using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoordinationObservation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "awareness_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TitleAz = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TitleRu = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Objective = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Audiences = table.Column<int>(type: "INTEGER", nullable: false),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeadInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_awareness_campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_awareness_campaigns_institutions_LeadInstitutionId",
                        column: x => x.LeadInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReporterInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Closure = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ClosureReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DuplicateOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_problems_institutions_ReporterInstitutionId",
                        column: x => x.ReporterInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_problems_problems_DuplicateOfId",
                        column: x => x.DuplicateOfId,
                        principalTable: "problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "awareness_campaign_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    Reach = table.Column<int>(type: "INTEGER", nullable: false),
                    ReachCounted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_awareness_campaign_activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_awareness_campaign_activities_awareness_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "awareness_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "awareness_campaign_materials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_awareness_campaign_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_awareness_campaign_materials_awareness_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "awareness_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "awareness_campaign_partners",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_awareness_campaign_partners", x => new { x.CampaignId, x.InstitutionId });
                    table.ForeignKey(
                        name: "FK_awareness_campaign_partners_awareness_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "awareness_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_awareness_campaign_partners_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "awareness_campaign_regions",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_awareness_campaign_regions", x => new { x.CampaignId, x.Region });
                    table.ForeignKey(
                        name: "FK_awareness_campaign_regions_awareness_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "awareness_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_concerns",
                columns: table => new
                {
                    ProblemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problem_concerns", x => new { x.ProblemId, x.InstitutionId });
                    table.ForeignKey(
                        name: "FK_problem_concerns_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_problem_concerns_problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_routes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProblemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ask = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeadlineVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RoutedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoutedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OverdueNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problem_routes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_problem_routes_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_problem_routes_problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_deadline_extensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problem_deadline_extensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_problem_deadline_extensions_problem_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "problem_routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problem_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_problem_responses_problem_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "problem_routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_awareness_campaign_activities_CampaignId_On",
                table: "awareness_campaign_activities",
                columns: new[] { "CampaignId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_awareness_campaign_materials_CampaignId",
                table: "awareness_campaign_materials",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_awareness_campaign_partners_InstitutionId",
                table: "awareness_campaign_partners",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_awareness_campaigns_LeadInstitutionId",
                table: "awareness_campaigns",
                column: "LeadInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_awareness_campaigns_StartsOn",
                table: "awareness_campaigns",
                column: "StartsOn");

            migrationBuilder.CreateIndex(
                name: "IX_problem_concerns_InstitutionId",
                table: "problem_concerns",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_problem_deadline_extensions_RouteId_Version",
                table: "problem_deadline_extensions",
                columns: new[] { "RouteId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_problem_responses_RouteId_At",
                table: "problem_responses",
                columns: new[] { "RouteId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_problem_routes_InstitutionId_Status_Deadline",
                table: "problem_routes",
                columns: new[] { "InstitutionId", "Status", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_problem_routes_ProblemId_InstitutionId",
                table: "problem_routes",
                columns: new[] { "ProblemId", "InstitutionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_problems_DuplicateOfId",
                table: "problems",
                column: "DuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_problems_Number",
                table: "problems",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_problems_ReporterInstitutionId",
                table: "problems",
                column: "ReporterInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_problems_ReporterUserId",
                table: "problems",
                column: "ReporterUserId");

            migrationBuilder.CreateIndex(
                name: "IX_problems_Status_ReportedAt",
                table: "problems",
                columns: new[] { "Status", "ReportedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "awareness_campaign_activities");

            migrationBuilder.DropTable(
                name: "awareness_campaign_materials");

            migrationBuilder.DropTable(
                name: "awareness_campaign_partners");

            migrationBuilder.DropTable(
                name: "awareness_campaign_regions");

            migrationBuilder.DropTable(
                name: "problem_concerns");

            migrationBuilder.DropTable(
                name: "problem_deadline_extensions");

            migrationBuilder.DropTable(
                name: "problem_responses");

            migrationBuilder.DropTable(
                name: "awareness_campaigns");

            migrationBuilder.DropTable(
                name: "problem_routes");

            migrationBuilder.DropTable(
                name: "problems");
        }
    }
}
