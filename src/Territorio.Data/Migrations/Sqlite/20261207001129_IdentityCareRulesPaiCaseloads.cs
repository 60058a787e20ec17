using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdentityCareRulesPaiCaseloads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services");

            migrationBuilder.AddColumn<int>(
                name: "adherence_percent",
                table: "worklist_cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "case_manager",
                table: "worklist_cases",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "refreshed_on",
                table: "worklist_cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "birthplace",
                table: "residents",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "birthplace_code",
                table: "residents",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cap",
                table: "residents",
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "residents",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fiscal_code",
                table: "residents",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "given_name",
                table: "residents",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "municipality",
                table: "residents",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "municipality_code",
                table: "residents",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "residents",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "street",
                table: "residents",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "surname",
                table: "residents",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "surname_key",
                table: "residents",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decision_note",
                table: "reclassification_requests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "case_manager",
                table: "patti_di_cura",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pathologies",
                table: "pai_items",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template",
                table: "pai_items",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "slot_minutes",
                table: "erogatore_services",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<long>(
                name: "campaign_id",
                table: "enrolment_letters",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason",
                table: "enrolment_letters",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "declined_on",
                table: "enrolment_letters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "delivered_services",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by",
                table: "delivered_services",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "reversed_on",
                table: "delivered_services",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "bookings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by",
                table: "bookings",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "erogatore_closures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    date_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    date_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    erogatore_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erogatore_closures", x => x.id);
                    table.ForeignKey(
                        name: "FK_erogatore_closures_erogatori_erogatore_id",
                        column: x => x.erogatore_id,
                        principalTable: "erogatori",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "erogatore_opening_hours",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    closes = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    erogatore_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erogatore_opening_hours", x => x.id);
                    table.ForeignKey(
                        name: "FK_erogatore_opening_hours_erogatori_erogatore_id",
                        column: x => x.erogatore_id,
                        principalTable: "erogatori",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "general_practitioners",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    surname = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    given_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    sex = table.Column<int>(type: "INTEGER", nullable: false),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    street = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    cap = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    municipality_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    municipality = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_general_practitioners", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "letter_campaigns",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: true),
                    pathology = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    mmg_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    created_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    letters = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_letter_campaigns", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_worklist_cases_gestore_id_case_manager_first_missed_first_unmet_due_has_active_pai_pact_start_pact_end_level_patient_id_pact_id",
                table: "worklist_cases",
                columns: new[] { "gestore_id", "case_manager", "first_missed", "first_unmet_due", "has_active_pai", "pact_start", "pact_end", "level", "patient_id", "pact_id" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_ats_surname_key_given_name_id",
                table: "residents",
                columns: new[] { "ats", "surname_key", "given_name", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_fiscal_code",
                table: "residents",
                column: "fiscal_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_letters_campaign_id_patient_id",
                table: "enrolment_letters",
                columns: new[] { "campaign_id", "patient_id" });

            migrationBuilder.CreateIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services",
                columns: new[] { "patient_id", "date", "code" },
                unique: true,
                filter: "reversed_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_erogatore_closures_erogatore_id",
                table: "erogatore_closures",
                column: "erogatore_id");

            migrationBuilder.CreateIndex(
                name: "IX_erogatore_opening_hours_erogatore_id_weekday",
                table: "erogatore_opening_hours",
                columns: new[] { "erogatore_id", "weekday" },
                unique: true);

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
                name: "erogatore_closures");

            migrationBuilder.DropTable(
                name: "erogatore_opening_hours");

            migrationBuilder.DropTable(
                name: "general_practitioners");

            migrationBuilder.DropTable(
                name: "letter_campaigns");

            migrationBuilder.DropIndex(
                name: "IX_worklist_cases_gestore_id_case_manager_first_missed_first_unmet_due_has_active_pai_pact_start_pact_end_level_patient_id_pact_id",
                table: "worklist_cases");

            migrationBuilder.DropIndex(
                name: "IX_residents_ats_surname_key_given_name_id",
                table: "residents");

            migrationBuilder.DropIndex(
                name: "IX_residents_fiscal_code",
                table: "residents");

            migrationBuilder.DropIndex(
                name: "IX_enrolment_letters_campaign_id_patient_id",
                table: "enrolment_letters");

            migrationBuilder.DropIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services");

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
                name: "birthplace",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "birthplace_code",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "cap",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "email",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "fiscal_code",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "given_name",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "municipality",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "municipality_code",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "street",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "surname",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "surname_key",
                table: "residents");

            migrationBuilder.DropColumn(
                name: "decision_note",
                table: "reclassification_requests");

            migrationBuilder.DropColumn(
                name: "case_manager",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "pathologies",
                table: "pai_items");

            migrationBuilder.DropColumn(
                name: "template",
                table: "pai_items");

            migrationBuilder.DropColumn(
                name: "slot_minutes",
                table: "erogatore_services");

            migrationBuilder.DropColumn(
                name: "campaign_id",
                table: "enrolment_letters");

            migrationBuilder.DropColumn(
                name: "decline_reason",
                table: "enrolment_letters");

            migrationBuilder.DropColumn(
                name: "declined_on",
                table: "enrolment_letters");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "delivered_services");

            migrationBuilder.DropColumn(
                name: "reversed_by",
                table: "delivered_services");

            migrationBuilder.DropColumn(
                name: "reversed_on",
                table: "delivered_services");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "reversed_by",
                table: "bookings");

            migrationBuilder.CreateIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services",
                columns: new[] { "patient_id", "date", "code" },
                unique: true);
        }
    }
}
