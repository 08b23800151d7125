using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Helpline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "helpline_caller_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallerHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NoteEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SetBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpline_caller_flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpline_caller_flags_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "helpline_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OperatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CallerType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    NonData = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CallerHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    ConsentBasis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ForwardingRule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ForwardBy = table.Column<long>(type: "INTEGER", nullable: true),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ForwardedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HeldReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Override = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OverrideBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    OverrideAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OverrideReasonEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SummaryEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    WhereaboutsEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalCallId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TranscriptKept = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpline_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpline_contacts_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "helpline_operator_profiles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpline_operator_profiles", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_helpline_operator_profiles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_helpline_operator_profiles_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "helpline_shifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpline_shifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpline_shifts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_helpline_shifts_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "helpline_chat_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TakenBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConsentToKeep = table.Column<bool>(type: "INTEGER", nullable: false),
                    DataKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastVisitorSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeq = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpline_chat_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpline_chat_sessions_helpline_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "helpline_contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_helpline_chat_sessions_institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "helpline_chat_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    FromVisitor = table.Column<bool>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TextEnc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ClientMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpline_chat_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpline_chat_messages_helpline_chat_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "helpline_chat_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_caller_flags_InstitutionId_CallerHash_ExpiresAt",
                table: "helpline_caller_flags",
                columns: new[] { "InstitutionId", "CallerHash", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_chat_messages_SessionId_ClientMessageId",
                table: "helpline_chat_messages",
                columns: new[] { "SessionId", "ClientMessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_helpline_chat_messages_SessionId_Seq",
                table: "helpline_chat_messages",
                columns: new[] { "SessionId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_helpline_chat_sessions_ContactId",
                table: "helpline_chat_sessions",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_helpline_chat_sessions_EndedAt_LastVisitorSeenAt",
                table: "helpline_chat_sessions",
                columns: new[] { "EndedAt", "LastVisitorSeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_chat_sessions_InstitutionId_EndedAt_StartedAt",
                table: "helpline_chat_sessions",
                columns: new[] { "InstitutionId", "EndedAt", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_chat_sessions_TokenHash",
                table: "helpline_chat_sessions",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_helpline_contacts_ForwardBy",
                table: "helpline_contacts",
                column: "ForwardBy");

            migrationBuilder.CreateIndex(
                name: "IX_helpline_contacts_InstitutionId_CallerHash",
                table: "helpline_contacts",
                columns: new[] { "InstitutionId", "CallerHash" });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_contacts_InstitutionId_ExternalCallId",
                table: "helpline_contacts",
                columns: new[] { "InstitutionId", "ExternalCallId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_helpline_contacts_InstitutionId_Status_ReceivedAt",
                table: "helpline_contacts",
                columns: new[] { "InstitutionId", "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_contacts_Number",
                table: "helpline_contacts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_helpline_operator_profiles_InstitutionId",
                table: "helpline_operator_profiles",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_helpline_shifts_InstitutionId_StartsAt",
                table: "helpline_shifts",
                columns: new[] { "InstitutionId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpline_shifts_UserId_StartsAt",
                table: "helpline_shifts",
                columns: new[] { "UserId", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "helpline_caller_flags");

            migrationBuilder.DropTable(
                name: "helpline_chat_messages");

            migrationBuilder.DropTable(
                name: "helpline_operator_profiles");

            migrationBuilder.DropTable(
                name: "helpline_shifts");

            migrationBuilder.DropTable(
                name: "helpline_chat_sessions");

            migrationBuilder.DropTable(
                name: "helpline_contacts");
        }
    }
}
