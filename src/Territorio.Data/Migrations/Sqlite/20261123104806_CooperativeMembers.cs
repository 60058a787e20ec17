using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CooperativeMembers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cooperative_members");
        }
    }
}
