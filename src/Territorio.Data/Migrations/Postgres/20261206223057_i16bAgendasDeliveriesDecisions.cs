using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Territorio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class i16bAgendasDeliveriesDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services");

            migrationBuilder.AddColumn<string>(
                name: "decision_note",
                table: "reclassification_requests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "slot_minutes",
                table: "erogatore_services",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "delivered_services",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by",
                table: "delivered_services",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "reversed_on",
                table: "delivered_services",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "bookings",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by",
                table: "bookings",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "erogatore_closures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    date_from = table.Column<DateOnly>(type: "date", nullable: false),
                    date_to = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    erogatore_id = table.Column<string>(type: "character varying(32)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erogatore_closures", x => x.id);
                    table.ForeignKey(
                        name: "FK_erogatore_closures_erogatori_erogatore_id",
                        column: x => x.erogatore_id,
                        principalTable: "erogatori",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "erogatore_opening_hours",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    weekday = table.Column<int>(type: "integer", nullable: false),
                    opens = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    closes = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    erogatore_id = table.Column<string>(type: "character varying(32)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erogatore_opening_hours", x => x.id);
                    table.ForeignKey(
                        name: "FK_erogatore_opening_hours_erogatori_erogatore_id",
                        column: x => x.erogatore_id,
                        principalTable: "erogatori",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services",
                columns: new[] { "patient_id", "date", "code" },
                unique: true,
                filter: "reversed_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_erogatore_closures_erogatore_id",
                table: "erogatore_closures",
                column: "erogatore_id");

            migrationBuilder.CreateIndex(
                name: "IX_erogatore_opening_hours_erogatore_id_weekday",
                table: "erogatore_opening_hours",
                columns: new[] { "erogatore_id", "weekday" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "erogatore_closures");

            migrationBuilder.DropTable(
                name: "erogatore_opening_hours");

            migrationBuilder.DropIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services");

            migrationBuilder.DropColumn(
                name: "decision_note",
                table: "reclassification_requests");

            migrationBuilder.DropColumn(
                name: "slot_minutes",
                table: "erogatore_services");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "delivered_services");

            migrationBuilder.DropColumn(
                name: "reversed_by",
                table: "delivered_services");

            migrationBuilder.DropColumn(
                name: "reversed_on",
                table: "delivered_services");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "reversed_by",
                table: "bookings");

            migrationBuilder.CreateIndex(
                name: "IX_delivered_services_patient_id_date_code",
                table: "delivered_services",
                columns: new[] { "patient_id", "date", "code" },
                unique: true);
        }
    }
}
