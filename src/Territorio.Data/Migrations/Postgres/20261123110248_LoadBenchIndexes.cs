using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LoadBenchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_worklist_cases_gestore_id_first_missed_first_unmet_due_has_~",
                table: "worklist_cases");

            migrationBuilder.CreateIndex(
                name: "IX_worklist_cases_gestore_id_first_missed_first_unmet_due_has_~",
                table: "worklist_cases",
                columns: new[] { "gestore_id", "first_missed", "first_unmet_due", "has_active_pai", "pact_start", "pact_end", "level", "patient_id", "pact_id" });

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_patient_id_start_date",
                table: "patti_di_cura",
                columns: new[] { "patient_id", "start_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_worklist_cases_gestore_id_first_missed_first_unmet_due_has_~",
                table: "worklist_cases");

            migrationBuilder.DropIndex(
                name: "IX_patti_di_cura_patient_id_start_date",
                table: "patti_di_cura");

            migrationBuilder.CreateIndex(
                name: "IX_worklist_cases_gestore_id_first_missed_first_unmet_due_has_~",
                table: "worklist_cases",
                columns: new[] { "gestore_id", "first_missed", "first_unmet_due", "has_active_pai", "pact_start", "pact_end", "level", "patient_id" });
        }
    }
}
