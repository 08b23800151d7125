using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ariadne.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HelplineChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "helpline_chat_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TakenBy = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: true),
                    ConsentToKeep = table.Column<bool>(type: "boolean", nullable: false),
                    DataKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastVisitorSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeq = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    FromVisitor = table.Column<bool>(type: "boolean", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TextEnc = table.Column<byte[]>(type: "bytea", nullable: true),
                    ClientMessageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "helpline_chat_messages");

            migrationBuilder.DropTable(
                name: "helpline_chat_sessions");
        }
    }
}
