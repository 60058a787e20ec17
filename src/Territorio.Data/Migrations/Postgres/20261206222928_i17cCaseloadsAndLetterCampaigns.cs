using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class i17cCaseloadsAndLetterCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "adherence_percent",
                table: "worklist_cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "case_manager",
                table: "worklist_cases",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "refreshed_on",
                table: "worklist_cases",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "case_manager",
                table: "patti_di_cura",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "campaign_id",
                table: "enrolment_letters",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason",
                table: "enrolment_letters",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "declined_on",
                table: "enrolment_letters",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "letter_campaigns",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ats = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: true),
                    pathology = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    mmg_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    created_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    letters = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_letter_campaigns", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_worklist_cases_gestore_id_case_manager_first_missed_first_u~",
                table: "worklist_cases",
                columns: new[] { "gestore_id", "case_manager", "first_missed", "first_unmet_due", "has_active_pai", "pact_start", "pact_end", "level", "patient_id", "pact_id" });

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_letters_campaign_id_patient_id",
                table: "enrolment_letters",
                columns: new[] { "campaign_id", "patient_id" });

            migrationBuilder.CreateIndex(
                name: "IX_letter_campaigns_ats_created_on",
                table: "letter_campaigns",
                columns: new[] { "ats", "created_on" });

            migrationBuilder.AddForeignKey(
                name: "FK_enrolment_letters_letter_campaigns_campaign_id",
                table: "enrolment_letters",
                column: "campaign_id",
                principalTable: "letter_campaigns",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_enrolment_letters_letter_campaigns_campaign_id",
                table: "enrolment_letters");

            migrationBuilder.DropTable(
                name: "letter_campaigns");

            migrationBuilder.DropIndex(
                name: "IX_worklist_cases_gestore_id_case_manager_first_missed_first_u~",
                table: "worklist_cases");

            migrationBuilder.DropIndex(
                name: "IX_enrolment_letters_campaign_id_patient_id",
                table: "enrolment_letters");

            migrationBuilder.DropColumn(
                name: "adherence_percent",
                table: "worklist_cases");

            migrationBuilder.DropColumn(
                name: "case_manager",
                table: "worklist_cases");

            migrationBuilder.DropColumn(
                name: "refreshed_on",
                table: "worklist_cases");

            migrationBuilder.DropColumn(
                name: "case_manager",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "campaign_id",
                table: "enrolment_letters");

            migrationBuilder.DropColumn(
                name: "decline_reason",
                table: "enrolment_letters");

            migrationBuilder.DropColumn(
                name: "declined_on",
                table: "enrolment_letters");
        }
    }
}
