using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class P17Perf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_patti_di_cura_gestore_id_status",
                table: "patti_di_cura");

            migrationBuilder.CreateIndex(
                name: "IX_patti_di_cura_gestore_id_status_patient_id",
                table: "patti_di_cura",
                columns: new[] { "gestore_id", "status", "patient_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
