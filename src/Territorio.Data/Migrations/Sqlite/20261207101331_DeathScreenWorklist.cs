using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeathScreenWorklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "acute_rows_kept_for_linkage",
                table: "rehab_runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "mdc_table",
                table: "rehab_runs",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "acute_rows_kept_for_linkage",
                table: "rehab_runs");

            migrationBuilder.DropColumn(
                name: "mdc_table",
                table: "rehab_runs");
        }
    }
}
