using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Territorio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_contacts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pact_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gestore_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    author = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    author_role = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_contacts", x => x.id);
                    table.ForeignKey(
                        name: "FK_care_contacts_patti_di_cura_pact_id",
                        column: x => x.pact_id,
                        principalTable: "patti_di_cura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_care_contacts_residents_patient_id",
                        column: x => x.patient_id,
                        principalTable: "residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_care_contacts_gestore_id_date",
                table: "care_contacts",
                columns: new[] { "gestore_id", "date" });

            migrationBuilder.CreateIndex(
                name: "IX_care_contacts_pact_id",
                table: "care_contacts",
                column: "pact_id");

            migrationBuilder.CreateIndex(
                name: "IX_care_contacts_patient_id_date",
                table: "care_contacts",
                columns: new[] { "patient_id", "date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_contacts");
        }
    }
}
