using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorklistReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "worklist_cases",
                columns: table => new
                {
                    pact_id = table.Column<long>(type: "bigint", nullable: false),
                    gestore_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    patient_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    pact_start = table.Column<DateOnly>(type: "date", nullable: false),
                    pact_end = table.Column<DateOnly>(type: "date", nullable: false),
                    has_active_pai = table.Column<bool>(type: "boolean", nullable: false),
                    first_missed = table.Column<DateOnly>(type: "date", nullable: true),
                    first_unmet_due = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_worklist_cases", x => x.pact_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_patient_id_start_date",
                table: "patti_di_cura",
                columns: new[] { "patient_id", "start_date" });

            migrationBuilder.CreateIndex(
                name: "IX_worklist_cases_gestore_id_first_missed_first_unmet_due_has_~",
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
                name: "worklist_cases");

            migrationBuilder.DropIndex(
                name: "IX_patti_di_cura_patient_id_start_date",
                table: "patti_di_cura");
        }
    }
}
