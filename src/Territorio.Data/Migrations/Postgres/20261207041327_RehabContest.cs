using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RehabContest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "rehab_verdict_contests");
        }
    }
}
