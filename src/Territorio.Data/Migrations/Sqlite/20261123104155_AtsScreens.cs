using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AtsScreens : Migration
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
                name: "IX_enrolment_letters_run_id_ats_level",
                table: "enrolment_letters",
                columns: new[] { "run_id", "ats", "level" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
