using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PactLevelPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pact_level_periods",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    main_pathology = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    reclassification_id = table.Column<long>(type: "INTEGER", nullable: true),
                    pact_id = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_pact_level_periods_pact_id",
                table: "pact_level_periods",
                column: "pact_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pact_level_periods");
        }
    }
}
