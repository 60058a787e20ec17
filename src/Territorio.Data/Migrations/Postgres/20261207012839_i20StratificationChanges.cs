using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class i20StratificationChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stratification_changes",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    previous_run_id = table.Column<long>(type: "bigint", nullable: false),
                    level_before = table.Column<int>(type: "integer", nullable: true),
                    level_after = table.Column<int>(type: "integer", nullable: true),
                    ats = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    mmg_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    main_pathology = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stratification_changes", x => new { x.run_id, x.person_id });
                    table.ForeignKey(
                        name: "FK_stratification_changes_residents_person_id",
                        column: x => x.person_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_stratification_changes_stratification_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "stratification_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stratification_changes_person_id",
                table: "stratification_changes",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_stratification_changes_run_id_ats_person_id",
                table: "stratification_changes",
                columns: new[] { "run_id", "ats", "person_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stratification_changes");
        }
    }
}
