using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RenewalsBrancheDeaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "acute_rows_kept_for_linkage",
                table: "rehab_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "mdc_table",
                table: "rehab_runs",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "renewal_confirmed_on",
                table: "patti_di_cura",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "witness_account",
                table: "patti_di_cura",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "branche",
                table: "erogatori",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "pact_renewals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<int>(type: "integer", nullable: false),
                    renewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: false),
                    signature_method = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    signature_scan = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    witness = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    witness_account = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    patient_confirmed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    pact_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pact_renewals", x => x.id);
                    table.ForeignKey(
                        name: "FK_pact_renewals_patti_di_cura_pact_id",
                        column: x => x.pact_id,
                        principalTable: "patti_di_cura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pact_renewals_pact_id",
                table: "pact_renewals",
                column: "pact_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pact_renewals");

            migrationBuilder.DropColumn(
                name: "acute_rows_kept_for_linkage",
                table: "rehab_runs");

            migrationBuilder.DropColumn(
                name: "mdc_table",
                table: "rehab_runs");

            migrationBuilder.DropColumn(
                name: "renewal_confirmed_on",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "witness_account",
                table: "patti_di_cura");

            migrationBuilder.DropColumn(
                name: "branche",
                table: "erogatori");
        }
    }
}
