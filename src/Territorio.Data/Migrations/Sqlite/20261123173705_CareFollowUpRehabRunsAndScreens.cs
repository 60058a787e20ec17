using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareFollowUpRehabRunsAndScreens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ats",
                table: "stratified_persons",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "mmg_id",
                table: "stratified_persons",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            // Runs imported before this migration take the residents' current ATS and GP.
            migrationBuilder.Sql(
                "UPDATE stratified_persons SET ats = r.ats, mmg_id = r.mmg_id FROM residents r WHERE r.id = stratified_persons.person_id");

            migrationBuilder.CreateTable(
                name: "care_contacts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    author = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    author_role = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_contacts", x => x.id);
                    table.ForeignKey(
                        name: "FK_care_contacts_patti_di_cura_pact_id",
                        column: x => x.pact_id,
                        principalTable: "patti_di_cura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_care_contacts_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "change_stamps",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_stamps", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "cooperative_members",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    mmg_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    until = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperative_members", x => x.id);
                    table.ForeignKey(
                        name: "FK_cooperative_members_gestori_gestore_id",
                        column: x => x.gestore_id,
                        principalTable: "gestori",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rehab_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ats = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    uploaded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    file_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    data_rows = table.Column<long>(type: "INTEGER", nullable: false),
                    acute_rows = table.Column<long>(type: "INTEGER", nullable: false),
                    rehab_admissions = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    rule_set_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    rule_set_version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    rule_set_status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    rule_set_provisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    scale_mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rehab_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "worklist_cases",
                columns: table => new
                {
                    pact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    pact_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    pact_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    has_active_pai = table.Column<bool>(type: "INTEGER", nullable: false),
                    first_missed = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    first_unmet_due = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_worklist_cases", x => x.pact_id);
                });

            migrationBuilder.CreateTable(
                name: "rehab_run_errors",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    line = table.Column<long>(type: "INTEGER", nullable: false),
                    column = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rehab_run_errors", x => new { x.run_id, x.ordinal });
                    table.ForeignKey(
                        name: "FK_rehab_run_errors_rehab_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "rehab_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rehab_run_indicators",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    scope = table.Column<string>(type: "TEXT", nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    appropriate = table.Column<int>(type: "INTEGER", nullable: false),
                    inappropriate = table.Column<int>(type: "INTEGER", nullable: false),
                    out_of_scope = table.Column<int>(type: "INTEGER", nullable: false),
                    not_assessable = table.Column<int>(type: "INTEGER", nullable: false),
                    share_appropriate = table.Column<double>(type: "REAL", nullable: true),
                    median_interval_days = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rehab_run_indicators", x => new { x.run_id, x.scope, x.ordinal });
                    table.ForeignKey(
                        name: "FK_rehab_run_indicators_rehab_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "rehab_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rehab_run_verdicts",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line = table.Column<long>(type: "INTEGER", nullable: false),
                    record_id = table.Column<string>(type: "TEXT", nullable: false),
                    structure_id = table.Column<string>(type: "TEXT", nullable: false),
                    discipline = table.Column<int>(type: "INTEGER", nullable: false),
                    regime = table.Column<int>(type: "INTEGER", nullable: false),
                    mdc = table.Column<int>(type: "INTEGER", nullable: false),
                    admission_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    discharge_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    principal_diagnosis = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    post_acute = table.Column<bool>(type: "INTEGER", nullable: false),
                    acute_record_id = table.Column<string>(type: "TEXT", nullable: true),
                    interval_days = table.Column<int>(type: "INTEGER", nullable: true),
                    article = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    checks_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rehab_run_verdicts", x => new { x.run_id, x.line });
                    table.ForeignKey(
                        name: "FK_rehab_run_verdicts_rehab_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "rehab_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stratified_persons_run_id_ats_mmg_id_level",
                table: "stratified_persons",
                columns: new[] { "run_id", "ats", "mmg_id", "level" });

            migrationBuilder.CreateIndex(
                name: "IX_residents_ats_death_date",
                table: "residents",
                columns: new[] { "ats", "death_date" },
                filter: "death_date IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_ats_status_end_date",
                table: "patti_di_cura",
                columns: new[] { "ats", "status", "end_date" });

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_patient_id_start_date",
                table: "patti_di_cura",
                columns: new[] { "patient_id", "start_date" });

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_letters_run_id_ats_level",
                table: "enrolment_letters",
                columns: new[] { "run_id", "ats", "level" });

            migrationBuilder.CreateIndex(
                name: "IX_care_contacts_gestore_id_date",
                table: "care_contacts",
                columns: new[] { "gestore_id", "date" });

            migrationBuilder.CreateIndex(
                name: "IX_care_contacts_pact_id",
                table: "care_contacts",
                column: "pact_id");

            migrationBuilder.CreateIndex(
                name: "IX_care_contacts_patient_id_date",
                table: "care_contacts",
                columns: new[] { "patient_id", "date" });

            migrationBuilder.CreateIndex(
                name: "IX_cooperative_members_gestore_id_mmg_id",
                table: "cooperative_members",
                columns: new[] { "gestore_id", "mmg_id" });

            migrationBuilder.CreateIndex(
                name: "ux_cooperative_members_one_open",
                table: "cooperative_members",
                column: "mmg_id",
                unique: true,
                filter: "until IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_rehab_run_verdicts_run_id_structure_id_line",
                table: "rehab_run_verdicts",
                columns: new[] { "run_id", "structure_id", "line" });

            migrationBuilder.CreateIndex(
                name: "IX_rehab_runs_ats_uploaded_at_utc",
                table: "rehab_runs",
                columns: new[] { "ats", "uploaded_at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_worklist_cases_gestore_id_first_missed_first_unmet_due_has_active_pai_pact_start_pact_end_level_patient_id_pact_id",
                table: "worklist_cases",
                columns: new[] { "gestore_id", "first_missed", "first_unmet_due", "has_active_pai", "pact_start", "pact_end", "level", "patient_id", "pact_id" });

            migrationBuilder.CreateIndex(
                name: "IX_worklist_cases_patient_id",
                table: "worklist_cases",
                column: "patient_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_contacts");

            migrationBuilder.DropTable(
                name: "change_stamps");

            migrationBuilder.DropTable(
                name: "cooperative_members");

            migrationBuilder.DropTable(
                name: "rehab_run_errors");

            migrationBuilder.DropTable(
                name: "rehab_run_indicators");

            migrationBuilder.DropTable(
                name: "rehab_run_verdicts");

            migrationBuilder.DropTable(
                name: "worklist_cases");

            migrationBuilder.DropTable(
                name: "rehab_runs");

            migrationBuilder.DropIndex(
                name: "IX_stratified_persons_run_id_ats_mmg_id_level",
                table: "stratified_persons");

            migrationBuilder.DropIndex(
                name: "IX_residents_ats_death_date",
                table: "residents");

            migrationBuilder.DropIndex(
                name: "IX_patti_di_cura_ats_status_end_date",
                table: "patti_di_cura");

            migrationBuilder.DropIndex(
                name: "IX_patti_di_cura_patient_id_start_date",
                table: "patti_di_cura");

            migrationBuilder.DropIndex(
                name: "IX_enrolment_letters_run_id_ats_level",
                table: "enrolment_letters");

            migrationBuilder.DropColumn(
                name: "ats",
                table: "stratified_persons");

            migrationBuilder.DropColumn(
                name: "mmg_id",
                table: "stratified_persons");
        }
    }
}
