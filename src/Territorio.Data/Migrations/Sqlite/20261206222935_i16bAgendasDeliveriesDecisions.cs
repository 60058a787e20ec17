using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "slot_minutes",
                table: "erogatore_services",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "delivered_services",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by",
                table: "delivered_services",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "reversed_on",
                table: "delivered_services",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "bookings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by",
                table: "bookings",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "erogatore_closures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    date_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    date_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    erogatore_id = table.Column<string>(type: "TEXT", nullable: true)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    closes = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    erogatore_id = table.Column<string>(type: "TEXT", nullable: true)
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
