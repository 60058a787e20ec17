using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RehabRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_rehab_run_verdicts_run_id_structure_id_line",
                table: "rehab_run_verdicts",
                columns: new[] { "run_id", "structure_id", "line" });

            migrationBuilder.CreateIndex(
                name: "IX_rehab_runs_ats_uploaded_at_utc",
                table: "rehab_runs",
                columns: new[] { "ats", "uploaded_at_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rehab_run_errors");

            migrationBuilder.DropTable(
                name: "rehab_run_indicators");

            migrationBuilder.DropTable(
                name: "rehab_run_verdicts");

            migrationBuilder.DropTable(
                name: "rehab_runs");
        }
    }
}
