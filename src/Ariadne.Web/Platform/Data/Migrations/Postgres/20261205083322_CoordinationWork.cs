using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoordinationWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CertificateId",
                table: "training_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Relation",
                table: "audit_events",
                type: "character varying(140)",
                maxLength: 140,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(121)",
                oldMaxLength: 121,
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "awareness_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TitleAz = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TitleRu = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TitleEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Objective = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Audiences = table.Column<int>(type: "integer", nullable: false),
                    Channels = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeadInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "information_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Match = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    BasisReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PurposeEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    RequestedClasses = table.Column<int>(type: "integer", nullable: false),
                    RequestedDays = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpinionDue = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Opinion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OpinionBy = table.Column<Guid>(type: "uuid", nullable: true),
                    OpinionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpinionNoteEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionReasonEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    ApprovedClasses = table.Column<int>(type: "integer", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LapseRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_information_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_information_requests_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_information_requests_institutions_RequesterInstitutionId",
                        column: x => x.RequesterInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OnlineLink = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    OrganizerInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_institutions_OrganizerInstitutionId",
                        column: x => x.OrganizerInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Region = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReporterInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Closure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ClosureReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DuplicateOfId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "resource_donors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_donors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resource_donors_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resource_needs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Regions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: true),
                    Unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    Priority = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    IatiIdentifier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_needs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resource_needs_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: true),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    EnrolmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CourseTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    External = table.Column<bool>(type: "boolean", nullable: false),
                    ExternalNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ExternalReference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IssuedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RefresherNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiredNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_certificates_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TitleAz = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleRu = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ValidityMonths = table.Column<int>(type: "integer", nullable: true),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "awareness_campaign_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Region = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    Reach = table.Column<int>(type: "integer", nullable: false),
                    ReachCounted = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Language = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: true),
                    Reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
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
                name: "information_request_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_information_request_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_information_request_steps_information_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "information_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_action_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OwnerInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CompletionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClosedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_action_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_action_items_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_action_items_institutions_OwnerInstitutionId",
                        column: x => x.OwnerInstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_action_items_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_agenda_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_agenda_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_agenda_items_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_decisions_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Attendance = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_invitations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_invitations_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_invitations_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_minutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WrittenBy = table.Column<Guid>(type: "uuid", nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_minutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_minutes_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_concerns",
                columns: table => new
                {
                    ProblemId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProblemId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ask = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    DeadlineVersion = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RoutedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RoutedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstResponseAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OverdueNotifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "resource_donor_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DonorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Categories = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Regions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    Ceiling = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_donor_areas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resource_donor_areas_resource_donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "resource_donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_flows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DonorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Ref = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_flows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resource_flows_resource_donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "resource_donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_sessions_training_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "training_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "problem_deadline_extensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "resource_flow_allocations",
                columns: table => new
                {
                    FlowId = table.Column<Guid>(type: "uuid", nullable: false),
                    NeedId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_flow_allocations", x => new { x.FlowId, x.NeedId });
                    table.ForeignKey(
                        name: "FK_resource_flow_allocations_resource_flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "resource_flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_resource_flow_allocations_resource_needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "resource_needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    NominatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    NominatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attendance = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MarkedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    MarkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_enrolments_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_enrolments_training_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "training_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_session_trainers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_session_trainers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_session_trainers_training_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "training_sessions",
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
                name: "IX_information_request_steps_RequestId_At",
                table: "information_request_steps",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_CaseId",
                table: "information_requests",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_Number",
                table: "information_requests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_RequestedBy_SubmittedAt",
                table: "information_requests",
                columns: new[] { "RequestedBy", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_RequesterInstitutionId",
                table: "information_requests",
                column: "RequesterInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_Status_SubmittedAt",
                table: "information_requests",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_action_items_MeetingId_Number",
                table: "meeting_action_items",
                columns: new[] { "MeetingId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_action_items_OwnerInstitutionId_Status_DueOn",
                table: "meeting_action_items",
                columns: new[] { "OwnerInstitutionId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_action_items_OwnerUserId",
                table: "meeting_action_items",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_action_items_Status_DueOn",
                table: "meeting_action_items",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_agenda_items_MeetingId_Order",
                table: "meeting_agenda_items",
                columns: new[] { "MeetingId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_MeetingId_Number",
                table: "meeting_decisions",
                columns: new[] { "MeetingId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_invitations_InstitutionId",
                table: "meeting_invitations",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_invitations_MeetingId_InstitutionId_UserId",
                table: "meeting_invitations",
                columns: new[] { "MeetingId", "InstitutionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_invitations_UserId",
                table: "meeting_invitations",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_minutes_MeetingId_Version",
                table: "meeting_minutes",
                columns: new[] { "MeetingId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meetings_Number",
                table: "meetings",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meetings_OrganizerInstitutionId",
                table: "meetings",
                column: "OrganizerInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_StartsAt",
                table: "meetings",
                column: "StartsAt");

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

            migrationBuilder.CreateIndex(
                name: "IX_resource_donor_areas_DonorId",
                table: "resource_donor_areas",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_resource_donors_InstitutionId",
                table: "resource_donors",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_resource_donors_Name",
                table: "resource_donors",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resource_donors_Ref",
                table: "resource_donors",
                column: "Ref",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resource_flow_allocations_NeedId",
                table: "resource_flow_allocations",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_resource_flows_DonorId",
                table: "resource_flows",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_resource_needs_IatiIdentifier",
                table: "resource_needs",
                column: "IatiIdentifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resource_needs_InstitutionId_Status",
                table: "resource_needs",
                columns: new[] { "InstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_EnrolmentId",
                table: "training_certificates",
                column: "EnrolmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_ExpiresOn",
                table: "training_certificates",
                column: "ExpiresOn");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_Number",
                table: "training_certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_UserId",
                table: "training_certificates",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_Code",
                table: "training_courses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_SessionId_UserId",
                table: "training_enrolments",
                columns: new[] { "SessionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_UserId",
                table: "training_enrolments",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_training_session_trainers_SessionId",
                table: "training_session_trainers",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_CourseId_StartsOn",
                table: "training_sessions",
                columns: new[] { "CourseId", "StartsOn" });
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
                name: "information_request_steps");

            migrationBuilder.DropTable(
                name: "meeting_action_items");

            migrationBuilder.DropTable(
                name: "meeting_agenda_items");

            migrationBuilder.DropTable(
                name: "meeting_decisions");

            migrationBuilder.DropTable(
                name: "meeting_invitations");

            migrationBuilder.DropTable(
                name: "meeting_minutes");

            migrationBuilder.DropTable(
                name: "problem_concerns");

            migrationBuilder.DropTable(
                name: "problem_deadline_extensions");

            migrationBuilder.DropTable(
                name: "problem_responses");

            migrationBuilder.DropTable(
                name: "resource_donor_areas");

            migrationBuilder.DropTable(
                name: "resource_flow_allocations");

            migrationBuilder.DropTable(
                name: "training_certificates");

            migrationBuilder.DropTable(
                name: "training_enrolments");

            migrationBuilder.DropTable(
                name: "training_session_trainers");

            migrationBuilder.DropTable(
                name: "awareness_campaigns");

            migrationBuilder.DropTable(
                name: "information_requests");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropTable(
                name: "problem_routes");

            migrationBuilder.DropTable(
                name: "resource_flows");

            migrationBuilder.DropTable(
                name: "resource_needs");

            migrationBuilder.DropTable(
                name: "training_sessions");

            migrationBuilder.DropTable(
                name: "problems");

            migrationBuilder.DropTable(
                name: "resource_donors");

            migrationBuilder.DropTable(
                name: "training_courses");

            migrationBuilder.DropColumn(
                name: "CertificateId",
                table: "training_records");

            migrationBuilder.AlterColumn<string>(
                name: "Relation",
                table: "audit_events",
                type: "character varying(121)",
                maxLength: 121,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(140)",
                oldMaxLength: 140,
                oldNullable: true);
        }
    }
}
