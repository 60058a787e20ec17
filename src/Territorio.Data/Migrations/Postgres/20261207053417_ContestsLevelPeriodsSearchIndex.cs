using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContestsLevelPeriodsSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_patti_di_cura_gestore_id_status",
                table: "patti_di_cura");

            migrationBuilder.CreateTable(
                name: "pact_level_periods",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    main_pathology = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    reclassification_id = table.Column<long>(type: "bigint", nullable: true),
                    pact_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pact_level_periods", x => x.id);
                    table.ForeignKey(
                        name: "FK_pact_level_periods_patti_di_cura_pact_id",
                        column: x => x.pact_id,
                        principalTable: "patti_di_cura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rehab_verdict_contests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<long>(type: "bigint", nullable: false),
                    record_id = table.Column<string>(type: "text", nullable: false),
                    structure_id = table.Column<string>(type: "text", nullable: false),
                    ats = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    opened_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    opened_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    decided_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rehab_verdict_contests", x => x.id);
                    table.ForeignKey(
                        name: "FK_rehab_verdict_contests_rehab_run_verdicts_run_id_line",
                        columns: x => new { x.run_id, x.line },
                        principalTable: "rehab_run_verdicts",
                        principalColumns: new[] { "run_id", "line" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_gestore_id_status_patient_id",
                table: "patti_di_cura",
                columns: new[] { "gestore_id", "status", "patient_id" });

            migrationBuilder.CreateIndex(
                name: "IX_pact_level_periods_pact_id",
                table: "pact_level_periods",
                column: "pact_id");

            migrationBuilder.CreateIndex(
                name: "IX_rehab_verdict_contests_ats_state",
                table: "rehab_verdict_contests",
                columns: new[] { "ats", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_rehab_verdict_contests_run_id_line",
                table: "rehab_verdict_contests",
                columns: new[] { "run_id", "line" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pact_level_periods");

            migrationBuilder.DropTable(
                name: "rehab_verdict_contests");

            migrationBuilder.DropIndex(
                name: "IX_patti_di_cura_gestore_id_status_patient_id",
                table: "patti_di_cura");

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_gestore_id_status",
                table: "patti_di_cura",
                columns: new[] { "gestore_id", "status" });
        }
    }
}
